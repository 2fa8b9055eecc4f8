import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIRECTORATE_CODES, DirectorateCode } from '@portal/accounts';
import { describeDeadline } from '../deadline-description';
import { requestedAmountField } from '../form-schema';
import { APPLICANT_KINDS, ApplicantKind, ServiceVersion } from '../service-version.entity';
import { DeadlineRuleDto } from './deadline-rule.dto';
import { FormSchemaDto } from './form-schema.dto';
import { RequiredDocumentDto } from './required-document.dto';

/** One service in the catalogue list: its current version, without the form. */
export class ServiceSummaryDto {
  @ApiProperty({ example: 'DEL-OFFRE-EMPLOI' }) code: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ enum: DIRECTORATE_CODES }) directorateCode: DirectorateCode;
  @ApiProperty({ type: String, example: "Direction de l'Emploi et du Logement", nullable: true }) directorateName: string | null;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: APPLICANT_KINDS, isArray: true }) applicantKinds: ApplicantKind[];
  @ApiProperty({ example: 'Sans réponse dans un délai de 2 mois, la demande est réputée rejetée.' }) deadlineDescription: string;
  @ApiProperty({ description: 'False: withdrawn, takes no new requests.' }) open: boolean;
  @ApiProperty() publishedAt: string;

  static from(v: ServiceVersion): ServiceSummaryDto {
    return {
      code: v.code,
      version: v.version,
      directorateCode: v.directorateCode,
      directorateName: v.directorate?.name ?? null,
      title: v.title,
      description: v.description,
      applicantKinds: v.applicantKinds,
      deadlineDescription: describeDeadline(v.deadlineRule),
      open: v.open,
      publishedAt: v.publishedAt.toISOString(),
    };
  }
}

/** One version of a service with everything needed to fill it in. */
export class ServiceVersionResponseDto extends ServiceSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'Id of this version; a request records it.' }) id: string;
  @ApiProperty({ type: FormSchemaDto }) formSchema: FormSchemaDto;
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments: RequiredDocumentDto[];
  @ApiProperty({ type: DeadlineRuleDto }) deadlineRule: DeadlineRuleDto;
  @ApiPropertyOptional({ nullable: true, example: 'montant_demande', description: 'Key of the amount_xpf field holding the sum asked for.' })
  requestedAmountField: string | null;

  static override from(v: ServiceVersion): ServiceVersionResponseDto {
    return {
      id: v.id,
      ...ServiceSummaryDto.from(v),
      formSchema: v.formSchema as FormSchemaDto,
      requiredDocuments: v.requiredDocuments,
      deadlineRule: v.deadlineRule,
      requestedAmountField: requestedAmountField(v.formSchema)?.key ?? null,
    };
  }
}
