export * from './dto/job-board.query';
export * from './job-offer-answers';
export * from './job-offer-terms';
export * from './job-offer.entity';
export * from './job-offers.module';
export * from './job-offers.service';
export * from './publish-job-offer.effect';
