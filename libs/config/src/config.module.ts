import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig, validateConfig } from './app-config';

/**
 * Loads `.env` (if any) into the environment, validates it once, and provides the typed AppConfig.
 * The process env is read here and nowhere else.
 */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ validate: validateConfig, cache: true })],
  providers: [{ provide: AppConfig, useFactory: () => validateConfig(process.env) }],
  exports: [AppConfig],
})
export class ConfigModule {}
