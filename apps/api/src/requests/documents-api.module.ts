import { Module } from '@nestjs/common';
import { RequestsModule } from '@portal/requests';
import { DOCUMENT_STORAGE, DocumentsService, LocalDocumentStorage } from '@portal/requests';
import { DocumentsController } from './documents.controller';

/** HTTP routes of request documents (upload, download, delete). */
@Module({
  imports: [RequestsModule],
  controllers: [DocumentsController],
  // The local folder by default; an S3-compatible adapter would be bound to the same token.
  providers: [DocumentsService, { provide: DOCUMENT_STORAGE, useClass: LocalDocumentStorage }],
})
export class DocumentsApiModule {}
