import { ApiProperty } from '@nestjs/swagger';
import type { RequestDocument } from '../entities/request-document.entity';

/** A document attached to a file: what was stored, never where. */
export class DocumentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'justificatif_domicile' }) documentType: string;
  @ApiProperty({ example: 'quittance-mars.pdf', description: 'Sanitised; its extension follows the detected type.' }) fileName: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'], description: 'Detected from the content.' }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'Hex SHA-256 of the stored bytes.' }) sha256: string;
  @ApiProperty({ enum: ['upload', 'portal'], description: '`portal`: a receipt or decision letter the province issued, sealed.' }) origin: 'upload' | 'portal';
  @ApiProperty({ type: String, nullable: true, description: 'The message it was attached to, if any.' }) messageId: string | null;
  @ApiProperty() createdAt: string;

  static from(d: RequestDocument): DocumentResponseDto {
    return {
      id: d.id,
      documentType: d.documentType,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      origin: d.origin,
      messageId: d.messageId,
      createdAt: d.createdAt.toISOString(),
    };
  }
}
