import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class VerifySealDto {
  @ApiProperty({
    description: 'What the document shows: its verification code (`K7QM-2XRD-9PHA`), the URL its QR code holds, or that URL’s `d` value.',
    example: 'K7QM-2XRD-9PHA',
  })
  @IsString({ message: 'Saisissez le code de vérification du document, ou l’adresse de son code QR.' })
  @Matches(/\S/, { message: 'Saisissez le code de vérification du document, ou l’adresse de son code QR.' })
  @MaxLength(2048, { message: 'Ce code est trop long : saisissez le code de vérification imprimé sur le document.' })
  code: string;
}

export class SealedFactsDto {
  @ApiProperty({ example: 'PS-2026-000123' }) reference: string;
  @ApiProperty({ enum: ['receipt', 'decision'] }) document: 'receipt' | 'decision';
  @ApiProperty({ example: 'Notification de décision' }) documentLabel: string;
  @ApiProperty({ enum: ['submitted', 'approved', 'rejected', 'closed', 'implicit_rejection', 'implicit_approval'] }) outcome: string;
  @ApiProperty({ example: 'Demande acceptée' }) outcomeLabel: string;
  @ApiProperty({ example: '2026-12-03', description: 'The day of the submission or decision, in Nouméa.' }) date: string;
  @ApiPropertyOptional({ example: 150000, description: 'Whole XPF.' }) amountXpf?: number;
  @ApiPropertyOptional({ example: '150 000 F CFP' }) amountLabel?: string;
}

/** The answer of a verification: only what the seal states, never who the document is for. */
export class VerificationResultDto {
  @ApiProperty({ enum: ['authentique', 'non_reconnu'] }) status: 'authentique' | 'non_reconnu';
  @ApiProperty({ example: 'Document authentique : il a été émis par la province Sud et n’a pas été modifié.' }) message: string;
  @ApiPropertyOptional({ type: SealedFactsDto }) facts?: SealedFactsDto;
  @ApiPropertyOptional({ description: 'The key that signed it (see /api/seal/keys).' }) keyId?: string;
  @ApiPropertyOptional({ example: 'K7QM-2XRD-9PHA' }) code?: string;
}

export class SealJwkDto {
  @ApiProperty({ enum: ['OKP'] }) kty: 'OKP';
  @ApiProperty({ enum: ['Ed25519'] }) crv: 'Ed25519';
  @ApiProperty({ description: 'The public key, base64url.' }) x: string;
  @ApiProperty() kid: string;
  @ApiProperty({ enum: ['sig'] }) use: 'sig';
  @ApiProperty({ enum: ['EdDSA'] }) alg: 'EdDSA';
}

export class SealKeysDto {
  @ApiProperty({ type: [SealJwkDto], description: 'The current key first, then earlier keys still accepted.' }) keys: SealJwkDto[];
}
