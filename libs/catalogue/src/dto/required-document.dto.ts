import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import type { RequiredDocument } from '../service-version.entity';

export class RequiredDocumentDto implements RequiredDocument {
  @ApiProperty({ example: 'devis', description: 'Document type code; uploads carry it.' })
  @IsString()
  @MaxLength(64)
  type: string;

  @ApiProperty({ example: 'Devis des investissements' })
  @IsString()
  @MaxLength(200)
  label: string;

  @ApiProperty()
  @IsBoolean()
  required: boolean;
}
