import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export const LINK_ROLES = ['legal_representative', 'delegate'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export class RequestBusinessLinkDto {
  @ApiProperty({ example: '1 234 567 001', description: 'RIDET (10 digits) or RID (7 digits: the head office); spaces and dots allowed.' })
  @IsString()
  @MaxLength(32)
  ridet: string;

  @ApiProperty({ enum: LINK_ROLES, description: 'legal_representative, or delegate of the legal representative.' })
  @IsIn(LINK_ROLES, { message: 'La qualité doit être « legal_representative » ou « delegate ».' })
  role: LinkRole;
}

export class BusinessLinkResponseDto {
  @ApiProperty() membershipId: string;
  @ApiProperty({ enum: ['pending', 'verified', 'refused', 'revoked'] }) status: string;
  @ApiProperty({ enum: ['legal_representative', 'admin', 'member'] }) role: string;
  @ApiProperty() businessId: string;
  @ApiProperty({ example: '1 234 567 001' }) ridet: string;
  @ApiProperty({ nullable: true, type: String }) legalName: string | null;
  @ApiProperty({ enum: ['unknown', 'active', 'struck_off'], description: '`unknown`: the registry did not answer; it is checked again automatically.' })
  registryStatus: string;
  @ApiProperty({ description: 'The DAJI file to complete: upload the proof (justificatif_pouvoir), then submit it.' })
  requestId: string;
  @ApiProperty() nextSteps: string;
}
