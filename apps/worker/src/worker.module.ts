import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@portal/audit';
import { PasswordResetMailer } from '@portal/auth';
import { BusinessLinksModule } from '@portal/business-links';
import { AppConfig, ConfigModule } from '@portal/config';
import { DatabaseModule } from '@portal/database';
import { InfraModule } from '@portal/infra';
import { JobOffersModule } from '@portal/job-offers';
import { NotificationsModule } from '@portal/notifications';
import { ObservabilityModule } from '@portal/observability';
import { QueueModule } from '@portal/queue';
import { RealtimeModule } from '@portal/realtime';
import { RequestsModule } from '@portal/requests';
import { WebhooksModule } from '@portal/webhooks';
import { LoggerModule } from 'nestjs-pino';
import { correlationMixin, LOG_REDACTION } from '@portal/common';
import { PasswordResetHandler } from './auth/password-reset.handler';
import { SendEmailHandler } from './email/send-email.handler';
import { DeadlineHandler, DeadlineReminderHandler, IntakeHandler, IssueLetterHandler, NotifyHandler, RegistryCheckHandler } from './requests/request-handlers';
import { Retention } from './retention.service';
import { Sweeper } from './sweeper.service';
import { WebhookDeliveryHandler } from './webhooks/webhook-delivery.handler';
import { JobRunner } from './job-runner.service';
import { OutboxRelay } from './outbox-relay.service';
import { WorkerMetrics } from './metrics/worker-metrics';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          redact: LOG_REDACTION,
          customProps: () => ({ app: 'worker' }),
          mixin: correlationMixin,
          transport: config.LOG_PRETTY ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        },
      }),
    }),
    DiscoveryModule,
    DatabaseModule,
    InfraModule,
    RealtimeModule,
    QueueModule,
    AuditModule,
    NotificationsModule,
    RequestsModule,
    BusinessLinksModule,
    JobOffersModule,
    WebhooksModule,
    ObservabilityModule.forRoot('worker'),
  ],
  providers: [
    WorkerMetrics,
    OutboxRelay,
    JobRunner,
    Sweeper,
    Retention,
    SendEmailHandler,
    PasswordResetMailer,
    PasswordResetHandler,
    IntakeHandler,
    DeadlineHandler,
    DeadlineReminderHandler,
    NotifyHandler,
    IssueLetterHandler,
    RegistryCheckHandler,
    WebhookDeliveryHandler,
  ],
})
export class WorkerModule {}
