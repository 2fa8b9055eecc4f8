import { Module } from '@nestjs/common';
import { AuthModule } from '@portal/auth';
import { RequestsModule } from '@portal/requests';
import { ErasureService } from './erasure.service';
import { PersonalDataService } from './personal-data.service';

@Module({
  imports: [AuthModule, RequestsModule],
  providers: [PersonalDataService, ErasureService],
  exports: [PersonalDataService, ErasureService],
})
export class PrivacyModule {}
