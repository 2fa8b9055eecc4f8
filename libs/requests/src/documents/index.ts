export * from './document-inspector';
export * from './document-limits';
export * from './document-response.dto';
export * from './document-storage';
export * from './documents.service';
export * from './file-name';
export * from './local-document-storage';
export * from './magic-bytes';
