import { Module } from '@nestjs/common';
import { DocumentsService, RequestsModule } from '@portal/requests';
import { DocumentsController } from './documents.controller';

/** HTTP routes of request documents (upload, download, delete). */
@Module({
  imports: [RequestsModule],
  controllers: [DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsApiModule {}
