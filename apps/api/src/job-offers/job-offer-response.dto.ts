import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTRACT_TYPE_LABELS_FR,
  CONTRACT_TYPES,
  ContractType,
  isContractType,
  JOB_OFFER_STATE_LABELS_FR,
  JOB_OFFER_STATES,
  JobOffer,
  JobOfferState,
  jobOfferState,
} from '@portal/job-offers';

/** The employer as the public sees it: its registry identity, never the person who filed. */
export class EmployerDto {
  @ApiPropertyOptional({ nullable: true, example: 'Transports du Sud SARL' }) legalName: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Païta' }) commune: string | null;
}

/** An offer on the public board. */
export class JobOfferDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'Mécanicien poids lourds' }) title: string;
  @ApiProperty({ enum: CONTRACT_TYPES }) contractType: ContractType;
  @ApiProperty({ example: 'CDI' }) contractTypeLabel: string;
  @ApiProperty({ example: 'Païta', description: 'Where the job is.' }) commune: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ nullable: true, description: 'Gross monthly salary, whole XPF.' }) monthlySalaryXpf: number | null;
  @ApiPropertyOptional({ nullable: true, example: '2027-02-01' }) startDate: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Where candidates apply.' }) contactEmail: string | null;
  @ApiProperty() publishedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: EmployerDto }) employer: EmployerDto;

  static from(o: JobOffer): JobOfferDto {
    // Only the effect writes the column, from the form's four choices; anything else is shown as stored.
    const contractType = o.contractType as ContractType;
    return {
      id: o.id,
      title: o.title,
      contractType,
      contractTypeLabel: isContractType(o.contractType) ? CONTRACT_TYPE_LABELS_FR[o.contractType] : o.contractType,
      commune: o.commune,
      description: o.description,
      monthlySalaryXpf: o.monthlySalaryXpf,
      startDate: o.startDate,
      contactEmail: o.contactEmail,
      publishedAt: o.publishedAt.toISOString(),
      expiresAt: o.expiresAt.toISOString(),
      employer: { legalName: o.business?.legalName ?? null, commune: o.business?.commune ?? null },
    };
  }
}

export class JobOfferPageDto {
  @ApiProperty({ type: [JobOfferDto] }) items: JobOfferDto[];
  @ApiPropertyOptional({ nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}

/** An offer as its business sees it: with its state and the file it came from. */
export class BusinessJobOfferDto extends JobOfferDto {
  @ApiProperty({ enum: JOB_OFFER_STATES }) state: JobOfferState;
  @ApiProperty({ example: 'publiée' }) stateLabel: string;
  @ApiPropertyOptional({ nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ description: 'The DEL file whose approval published the offer.' }) requestId: string;

  static forBusiness(o: JobOffer, now = new Date()): BusinessJobOfferDto {
    const state = jobOfferState(o, now);
    return {
      ...JobOfferDto.from(o),
      state,
      stateLabel: JOB_OFFER_STATE_LABELS_FR[state],
      withdrawnAt: o.withdrawnAt?.toISOString() ?? null,
      requestId: o.requestId,
    };
  }
}
