import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addCalendarMonths, formatNoumeaDate } from '@portal/catalogue';
import { AppConfig } from '@portal/config';
import { draftExpiryWarningTemplate, EmailService } from '@portal/notifications';
import { DataSource, LessThan } from 'typeorm';
import { DOCUMENT_STORAGE, DocumentStorage, removeStoredDocuments } from './documents/document-storage';
import { claimJobEffect } from './entities/job-effect.entity';
import { RequestDocument } from './entities/request-document.entity';
import { Request } from './entities/request.entity';

const DRAFT_LIFETIME_MONTHS = 3;
const DRAFT_WARNING_MS = 14 * 24 * 3600 * 1000;

/** Drafts left alone: their owner is warned, then they go (run by the worker's sweeper). */
@Injectable()
export class DraftExpiryService {
  private readonly logger = new Logger(DraftExpiryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly config: AppConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * Drafts untouched for 3 months expire; their owner is warned two weeks before. Each warning is
   * sent once per draft state (the key holds the last edit time: editing the draft restarts the clock).
   */
  async expireDrafts(now = new Date()): Promise<{ warned: number; expired: number }> {
    const expiry = (updatedAt: Date) => addCalendarMonths(updatedAt, DRAFT_LIFETIME_MONTHS);
    const warnBefore = new Date(now.getTime() + DRAFT_WARNING_MS);
    const candidates = await this.dataSource.manager.find(Request, {
      where: { status: 'draft', updatedAt: LessThan(new Date(now.getTime() - 60 * 24 * 3600 * 1000)) },
      relations: { serviceVersion: true, applicant: true },
      take: 1000,
    });
    let warned = 0;
    let expired = 0;
    for (const draft of candidates) {
      const expiresAt = expiry(draft.updatedAt);
      if (expiresAt <= now) {
        if (await this.deleteDraft(draft)) expired++;
      } else if (expiresAt <= warnBefore) {
        const sent = await this.dataSource.transaction(async (manager) => {
          if (!(await claimJobEffect(manager, `draft-expiry-warning:${draft.id}:${draft.updatedAt.toISOString()}`))) return false;
          const applicant = draft.applicant!;
          await this.emails.queue(
            manager,
            { address: applicant.email, accountId: applicant.id },
            draftExpiryWarningTemplate(applicant.firstName, draft.serviceVersion?.title ?? draft.serviceCode, formatNoumeaDate(expiresAt), `${this.config.PUBLIC_URL}/demandes/${draft.id}`),
          );
          return true;
        });
        if (sent) warned++;
      }
    }
    return { warned, expired };
  }

  /** Deletes a draft unchanged since it was read, then its documents' bytes (rows cascade). */
  private async deleteDraft(draft: Request): Promise<boolean> {
    const storageKeys = await this.dataSource.transaction(async (manager) => {
      const unchanged = await manager.findOne(Request, { where: { id: draft.id, status: 'draft', version: draft.version }, lock: { mode: 'pessimistic_write' } });
      if (!unchanged) return null;
      const documents = await manager.find(RequestDocument, { where: { requestId: draft.id }, select: { id: true, storageKey: true } });
      await manager.delete(Request, { id: draft.id });
      return documents.map((d) => d.storageKey);
    });
    await removeStoredDocuments(this.storage, storageKeys ?? [], this.logger);
    return storageKeys !== null;
  }
}
