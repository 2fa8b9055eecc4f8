export * from './dto/erasure.dto';
export * from './erasure.service';
export * from './personal-data.service';
export * from './privacy.module';
