export * from './personal-data.service';
export * from './privacy.module';
