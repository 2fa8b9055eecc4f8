import { Module } from '@nestjs/common';
import { JobOffersModule } from '@portal/job-offers';
import { BusinessJobOffersController } from './business-job-offers.controller';
import { JobBoardController } from './job-board.controller';

/** HTTP routes of DEL job offers: the public board and the business's own offers. */
@Module({
  imports: [JobOffersModule],
  controllers: [JobBoardController, BusinessJobOffersController],
})
export class JobOffersApiModule {}
