import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config';

/**
 * Loads `.env` (if any) into the environment, then validates it once and provides the typed AppConfig.
 * The process env is read here and nowhere else. Validation is ours, not @nestjs/config's: given a
 * `validate`, it would write every default back into process.env at import time.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ cache: true })],
  providers: [{ provide: AppConfig, useFactory: () => validateConfig(process.env) }],
  exports: [AppConfig],
})
export class ConfigModule {}
