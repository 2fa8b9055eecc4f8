export * from './business-link.dto';
export * from './business-links.module';
export * from './business-links.service';
