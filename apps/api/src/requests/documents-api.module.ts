import { Module } from '@nestjs/common';

/** HTTP routes of request documents (upload, download, delete). */
@Module({})
export class DocumentsApiModule {}
