import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LookupBusinessQuery {
  @ApiProperty({ example: '0 122 531 001', description: 'A RIDET (10 digits) or a RID alone (7 digits); spaces and dots allowed.' })
  @IsString({ message: 'Saisissez un numéro RIDET.' })
  @MaxLength(40)
  ridet: string;
}
