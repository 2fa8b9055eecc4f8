import { Module } from '@nestjs/common';
import { DocumentsService, RequestMessages, RequestsModule } from '@portal/requests';
import { DocumentsController } from './documents.controller';
import { AgentMessageDocumentsController, ApplicantMessageDocumentsController } from './message-documents.controller';
import { VerificationsController } from './verifications.controller';

/**
 * HTTP routes of request documents (upload, download, delete), messages with documents, and the
 * public check of issued letters.
 */
@Module({
  imports: [RequestsModule],
  controllers: [DocumentsController, ApplicantMessageDocumentsController, AgentMessageDocumentsController, VerificationsController],
  providers: [DocumentsService, RequestMessages],
  exports: [RequestMessages],
})
export class DocumentsApiModule {}
