export * from './issued-documents.service';
export * from './letter-content';
export * from './letter-pdf';
export * from './seal';
export * from './seal-verification.service';
export * from './verification.dto';
