import { Module } from '@nestjs/common';
import { DocumentsService, RequestsModule } from '@portal/requests';
import { DocumentsController } from './documents.controller';
import { VerificationsController } from './verifications.controller';

/** HTTP routes of request documents (upload, download, delete) and the public check of issued letters. */
@Module({
  imports: [RequestsModule],
  controllers: [DocumentsController, VerificationsController],
  providers: [DocumentsService],
})
export class DocumentsApiModule {}
