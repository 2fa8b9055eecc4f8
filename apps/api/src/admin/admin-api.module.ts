import { Module } from '@nestjs/common';
import { AuthModule } from '@portal/auth';
import { CatalogueModule } from '@portal/catalogue';
import { WebhooksModule } from '@portal/webhooks';
import { AdminAgentsController } from './admin-agents.controller';
import { AdminAuditController } from './admin-audit.controller';
import { AdminJobsController } from './admin-jobs.controller';
import { AdminSecondFactorController } from './admin-second-factor.controller';
import { AdminServicesController } from './admin-services.controller';
import { AdminWebhooksController } from './admin-webhooks.controller';

/** HTTP routes of the back office's administration (`/api/admin/…`): staff, services, webhooks, dead letters, audit chain. */
@Module({
  imports: [AuthModule, CatalogueModule, WebhooksModule],
  controllers: [AdminAgentsController, AdminServicesController, AdminWebhooksController, AdminJobsController, AdminSecondFactorController, AdminAuditController],
})
export class AdminApiModule {}
