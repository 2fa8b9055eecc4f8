import { Provider } from '@nestjs/common';
import { AppConfig } from '@portal/config';
import { BUSINESS_REGISTRY, BusinessRegistry } from './business-registry';
import { FixtureBusinessRegistry } from './fixture-business-registry';
import { HttpBusinessRegistry } from './http-business-registry';

/** The registry chosen by configuration: HTTP when BUSINESS_REGISTRY_URL is set, else the fixture. */
export const businessRegistryProvider: Provider = {
  provide: BUSINESS_REGISTRY,
  inject: [AppConfig],
  useFactory: (config: AppConfig): BusinessRegistry =>
    config.BUSINESS_REGISTRY_URL ? new HttpBusinessRegistry(config.BUSINESS_REGISTRY_URL) : new FixtureBusinessRegistry(),
};
