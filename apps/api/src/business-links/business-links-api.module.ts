import { Module } from '@nestjs/common';
import { BusinessLinksModule } from '@portal/business-links';
import { BusinessLinksController } from './business-links.controller';

/** HTTP routes of a file that asks to link an account to a business. */
@Module({
  imports: [BusinessLinksModule],
  controllers: [BusinessLinksController],
})
export class BusinessLinksApiModule {}
