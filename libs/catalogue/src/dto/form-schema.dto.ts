import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FORM_FIELD_TYPES, FormFieldType } from '../form-schema';

// For the API documentation only: a form schema is checked by validateFormSchema, which reports
// every error by path (`fields[2].options`), not by class-validator.

export class ChoiceOptionDto {
  @ApiProperty({ example: 'cdi' }) value: string;
  @ApiProperty({ example: 'CDI' }) label: string;
}

export class FormFieldDto {
  @ApiProperty({ example: 'montant_demande', description: 'For `document` fields, the document type code.' }) key: string;
  @ApiProperty({ enum: FORM_FIELD_TYPES }) type: FormFieldType;
  @ApiProperty({ example: "Montant de l'aide demandée (XPF)" }) label: string;
  @ApiProperty() required: boolean;
  @ApiPropertyOptional() help?: string;
  @ApiPropertyOptional({ description: 'text, long_text' }) minLength?: number;
  @ApiPropertyOptional({ description: 'text, long_text' }) maxLength?: number;
  @ApiPropertyOptional({ description: 'integer, amount_xpf (whole francs)' }) min?: number;
  @ApiPropertyOptional({ description: 'integer, amount_xpf (whole francs), e.g. an aid ceiling' }) max?: number;
  @ApiPropertyOptional({ type: [ChoiceOptionDto], description: 'choice' }) options?: ChoiceOptionDto[];
  @ApiPropertyOptional({ enum: [true], description: 'On one amount_xpf field at most: the sum the applicant asks for.' })
  requestedAmount?: true;
}

export class FormSchemaDto {
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: [FormFieldDto] }) fields: FormFieldDto[];
}
