import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@portal/audit';
import { AuthModule, JwtAuthGuard, RolesGuard } from '@portal/auth';
import { AllExceptionsFilter, createValidationPipe } from '@portal/common';
import { AppConfig, ConfigModule } from '@portal/config';
import { DatabaseModule } from '@portal/database';
import { InfraModule, REDIS, ResilientThrottlerStorage } from '@portal/infra';
import { NotificationsModule } from '@portal/notifications';
import { ObservabilityModule } from '@portal/observability';
import { QueueModule } from '@portal/queue';
import { PrivacyModule } from '@portal/privacy';
import { RealtimeModule } from '@portal/realtime';
import { WebhooksModule } from '@portal/webhooks';
import type { Redis } from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import { AdminApiModule } from './admin/admin-api.module';
import { AuthController } from './auth/auth.controller';
import { MfaController } from './auth/mfa.controller';
import { OidcController } from './auth/oidc.controller';
import { BusinessLinksApiModule } from './business-links/business-links-api.module';
import { BusinessesApiModule } from './businesses/businesses-api.module';
import { CatalogueApiModule } from './catalogue/catalogue-api.module';
import { HealthController } from './health/health.controller';
import { JobOffersApiModule } from './job-offers/job-offers-api.module';
import { LiveModule } from './live/live.module';
import { loggerParams } from './logging';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { ErasureController } from './me/erasure.controller';
import { MeController } from './me/me.controller';
import { MySecondFactorController } from './me/my-second-factor.controller';
import { MySessionsController } from './me/my-sessions.controller';
import { MyIdentitiesController } from './me/my-identities.controller';
import { NotificationsController } from './me/notifications.controller';
import { PersonalDataController } from './me/personal-data.controller';
import { RequestsApiModule } from './requests/requests-api.module';

/** The throttler's storage as a provider of its own, so Nest stops its timers at shutdown. */
@Module({
  providers: [
    {
      provide: ResilientThrottlerStorage,
      inject: [REDIS, AppConfig],
      useFactory: (redis: Redis | null, config: AppConfig) => new ResilientThrottlerStorage(redis, config.QUEUE_PREFIX),
    },
  ],
  exports: [ResilientThrottlerStorage],
})
class ThrottlerStorageModule {}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    DatabaseModule,
    InfraModule,
    RealtimeModule,
    QueueModule,
    AuditModule,
    AuthModule,
    TerminusModule,
    CatalogueApiModule,
    AdminApiModule,
    RequestsApiModule,
    BusinessLinksApiModule,
    JobOffersApiModule,
    LiveModule,
    BusinessesApiModule,
    PrivacyModule,
    NotificationsModule,
    WebhooksModule,
    ObservabilityModule.forRoot('api'),
    ApiMetricsModule,
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [AppConfig, ResilientThrottlerStorage],
      useFactory: (config: AppConfig, storage: ResilientThrottlerStorage) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage,
      }),
    }),
  ],
  controllers: [AuthController, MfaController, OidcController, MeController, MySecondFactorController, MySessionsController, MyIdentitiesController, NotificationsController, PersonalDataController, ErasureController, HealthController],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class ApiModule {}
