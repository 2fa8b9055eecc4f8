import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@portal/config';
import { CorrelationPropagation } from './correlation-propagation';
import { buildDataSourceOptions } from './data-source-options';

const STARTUP_RETRY_MS = 2_000;

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, role: config.DATABASE_APP_ROLE }),
        // PostgreSQL still down at start-up: keep trying for DATABASE_STARTUP_WAIT_MS, then give up.
        // Once started, an outage makes queries fail with 503 and /health/ready report it.
        retryAttempts: Math.ceil(config.DATABASE_STARTUP_WAIT_MS / STARTUP_RETRY_MS),
        retryDelay: STARTUP_RETRY_MS,
      }),
    }),
  ],
  providers: [CorrelationPropagation],
})
export class DatabaseModule {}
