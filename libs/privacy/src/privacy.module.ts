import { Module } from '@nestjs/common';
import { AuthModule } from '@portal/auth';
import { DOCUMENT_STORAGE, LocalDocumentStorage } from '@portal/requests';
import { ErasureService } from './erasure.service';
import { PersonalDataService } from './personal-data.service';

@Module({
  imports: [AuthModule],
  providers: [PersonalDataService, ErasureService, { provide: DOCUMENT_STORAGE, useClass: LocalDocumentStorage }],
  exports: [PersonalDataService, ErasureService],
})
export class PrivacyModule {}
