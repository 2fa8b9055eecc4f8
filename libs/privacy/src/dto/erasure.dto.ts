import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class EraseAccountDto {
  @ApiProperty({ description: 'The current password, entered again: erasure cannot be undone.' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class ErasureResponseDto {
  @ApiProperty() erasedAt: string;
  @ApiProperty({ description: 'Drafts never submitted, deleted with their documents.' }) draftsDeleted: number;
  @ApiProperty({ description: 'Files submitted to the province: kept, as the law requires, with the applicant pseudonymised.' }) filesKept: number;
  @ApiProperty({ description: 'Business mandates ended.' }) mandatesEnded: number;
}
