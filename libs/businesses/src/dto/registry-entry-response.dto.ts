import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RegistryEntry, RegistryEstablishment, RegistryStatus } from '../registry';
import { Ridet } from '@portal/common';

const STATUS_LABELS_FR: Record<RegistryStatus, string> = { active: 'En activité', struck_off: 'Radiée' };

/** `0 122 531 001` for stored digits; the digits themselves if they ever fail to parse. */
export const displayRidet = (digits: string): string => Ridet.tryParse(digits)?.format() ?? digits;

export class RegistryAddressDto {
  @ApiProperty() street: string;
  @ApiProperty({ example: '98800' }) postcode: string;
  @ApiProperty({ example: 'Nouméa' }) commune: string;
}

/** One establishment of the company, as the registry records it. */
export class RegistryEstablishmentDto {
  @ApiProperty({ example: '0122531001', description: '10 digits.' }) ridet: string;
  @ApiProperty({ example: '0 122 531 001' }) ridetDisplay: string;
  @ApiProperty({ example: '001' }) establishmentRank: string;
  @ApiProperty({ type: RegistryAddressDto }) address: RegistryAddressDto;
  @ApiProperty({ enum: ['active', 'struck_off'] }) status: RegistryStatus;
  @ApiProperty({ example: 'En activité' }) statusLabel: string;
  @ApiPropertyOptional({ nullable: true, description: 'ISO date of striking off.' }) struckOffAt: string | null;

  static from(e: RegistryEstablishment): RegistryEstablishmentDto {
    return {
      ridet: e.ridet,
      ridetDisplay: displayRidet(e.ridet),
      establishmentRank: e.establishmentRank,
      address: { ...e.address },
      status: e.status,
      statusLabel: STATUS_LABELS_FR[e.status],
      struckOffAt: e.struckOffAt ?? null,
    };
  }
}

/** What the registry says about a RIDET (or, for a RID alone, the company's head office). */
export class RegistryEntryResponseDto extends RegistryEstablishmentDto {
  @ApiProperty({ example: '0122531', description: '7 digits.' }) rid: string;
  @ApiProperty({ enum: ['ridet', 'rid'], description: '`rid` when a RID alone was given: this is the head office.' }) matchedBy: 'ridet' | 'rid';
  @ApiProperty() legalName: string;
  @ApiProperty({ example: 'SARL' }) legalForm: string;
  @ApiProperty({ example: '5610A' }) nafCode: string;
  @ApiProperty() activityLabel: string;
  @ApiProperty({ type: [RegistryEstablishmentDto], description: 'Every establishment of the company, by rank.' })
  establishments: RegistryEstablishmentDto[];

  static fromEntry(entry: RegistryEntry, asked: Ridet): RegistryEntryResponseDto {
    return {
      ...RegistryEstablishmentDto.from(entry),
      rid: entry.rid,
      matchedBy: asked.isEstablishment ? 'ridet' : 'rid',
      legalName: entry.legalName,
      legalForm: entry.legalForm,
      nafCode: entry.nafCode,
      activityLabel: entry.activityLabel,
      establishments: entry.establishments.map((e) => RegistryEstablishmentDto.from(e)),
    };
  }
}
