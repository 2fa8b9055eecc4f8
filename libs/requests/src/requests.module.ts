import { Module } from '@nestjs/common';
import { CatalogueModule } from '@portal/catalogue';
import { NotificationsModule } from '@portal/notifications';
import { AgentRequestsService } from './agent-requests.service';
import { AgentTeamService } from './agent-team.service';
import { ApplicantRequestsService } from './applicant-requests.service';
import { DeadlineScheduler } from './deadline-scheduler';
import { DeadlinesService } from './deadlines.service';
import { DecisionEffects } from './decision-effects';
import { DraftExpiryService } from './draft-expiry.service';
import { DOCUMENT_STORAGE } from './documents/document-storage';
import { LocalDocumentStorage } from './documents/local-document-storage';
import { WorklistExport } from './export/worklist-export.service';
import { IdempotencyService } from './idempotency.service';
import { IntakeService } from './intake.service';
import { RequestNotifier } from './request-notifier.service';
import { RequestTimeline } from './request-timeline.service';
import { RequestsRepository } from './requests.repository';
import { WorklistService } from './worklist.service';
import { IssuedDocumentsService } from './paper/issued-documents.service';
import { Seal } from './paper/seal';
import { SealVerification } from './paper/seal-verification.service';

/** What the module provides and shares with the apps and the libraries built on it. */
const SERVICES = [
  AgentRequestsService,
  AgentTeamService,
  ApplicantRequestsService,
  DeadlinesService,
  DecisionEffects,
  DraftExpiryService,
  IdempotencyService,
  IntakeService,
  RequestNotifier,
  RequestTimeline,
  RequestsRepository,
  WorklistService,
  WorklistExport,
  IssuedDocumentsService,
  Seal,
  SealVerification,
];

@Module({
  imports: [CatalogueModule, NotificationsModule],
  providers: [
    ...SERVICES,
    DeadlineScheduler,
    // The local folder by default; an S3-compatible adapter would be bound to the same token.
    { provide: DOCUMENT_STORAGE, useClass: LocalDocumentStorage },
  ],
  exports: [DOCUMENT_STORAGE, ...SERVICES],
})
export class RequestsModule {}
