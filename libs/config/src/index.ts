export * from './app-config';
export * from './config.module';
export * from './oidc-providers';
export * from './seal-keys';
