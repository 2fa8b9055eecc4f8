import { ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import { IsIn, IsOptional } from 'class-validator';
import { APPLICANT_KINDS, ApplicantKind } from '../service-version.entity';

/** Filters of the public catalogue; unknown query parameters are refused like unknown body fields. */
export class ListServicesQueryDto {
  @ApiPropertyOptional({ enum: DIRECTORATE_CODES, description: 'Only the services of this directorate.' })
  @IsOptional()
  @IsIn(DIRECTORATE_CODES, { message: 'La direction doit être DEL, DDET ou DAJI.' })
  directorate?: DirectorateCode;

  @ApiPropertyOptional({ enum: APPLICANT_KINDS, description: 'Only the services open to this kind of applicant.' })
  @IsOptional()
  @IsIn(APPLICANT_KINDS, { message: 'Le type de demandeur doit être « person » ou « business ».' })
  applicantKind?: ApplicantKind;
}
