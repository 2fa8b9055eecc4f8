import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Actor } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import {
  Business,
  BUSINESS_REGISTRY,
  BusinessMembership,
  BusinessRegistry,
  recordBusinessHistory,
  RegistryEntry,
  RegistryUnavailableError,
} from '@portal/businesses';
import { DomainError, PG_UNIQUE_VIOLATION, pgErrorCode, Ridet } from '@portal/common';
import { OutboxService } from '@portal/queue';
import { ApplicantRequestsService, type Request } from '@portal/requests';
import { DataSource, EntityManager } from 'typeorm';
import { LinkRole } from './business-link.dto';

export const LINK_SERVICE_CODE = 'DAJI-LIEN-PRO';

/**
 * Linking an account to a business: the registry is asked first (unknown or struck-off RIDETs are
 * refused); the link becomes a pending mandate plus a DAJI file that goes through the ordinary
 * workflow. If the registry does not answer, the link is still accepted and checked later by a job.
 */
@Injectable()
export class BusinessLinksService {
  private readonly logger = new Logger(BusinessLinksService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BUSINESS_REGISTRY) private readonly registry: BusinessRegistry,
    private readonly requests: ApplicantRequestsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async requestLink(actor: Actor, input: { ridet: string; role: LinkRole }): Promise<{ membership: BusinessMembership; business: Business; request: Request }> {
    const ridet = Ridet.parse(input.ridet);
    const entry = await this.lookup(ridet);
    if (entry === null) throw new DomainError('BUSINESS_UNKNOWN');
    if (entry !== 'unavailable' && entry.status === 'struck_off') throw new DomainError('BUSINESS_STRUCK_OFF');
    // A RID alone designates the head office, as the registry resolved it.
    const establishment = entry === 'unavailable' ? ridet : Ridet.parse(entry.ridet);
    if (!establishment.isEstablishment) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'ridet', code: 'RIDET_REQUIRED', message: "Le répertoire ne répond pas : indiquez le RIDET complet de l'établissement (10 chiffres)." },
      ]);
    }

    try {
      return await this.dataSource.transaction(async (manager) => {
        const business = await this.upsertBusiness(manager, establishment, entry === 'unavailable' ? null : entry);
        const membership = manager.create(BusinessMembership, {
          businessId: business.id,
          accountId: actor.accountId,
          role: input.role === 'legal_representative' ? 'legal_representative' : 'member',
          status: 'pending',
        });
        await manager.insert(BusinessMembership, membership);
        const request = await this.requests.insertDraft(manager, actor, {
          serviceCode: LINK_SERVICE_CODE,
          data: { ridet: establishment.value, qualite: input.role === 'legal_representative' ? 'representant_legal' : 'delegue' },
        });
        await manager.update(BusinessMembership, { id: membership.id }, { linkRequestId: request.id });
        await recordBusinessHistory(manager, { businessId: business.id, type: 'link_requested', actorId: actor.accountId, membershipId: membership.id, details: { role: membership.role } });
        if (entry === 'unavailable') await this.outbox.enqueue(manager, 'business.registry-check', { businessId: business.id });
        await this.audit.record({ action: 'business.link_requested', actorId: actor.accountId, target: { type: 'business', id: business.id }, details: { membershipId: membership.id } }, manager);
        return { membership: { ...membership, linkRequestId: request.id }, business, request };
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw new DomainError('LINK_EXISTS');
      throw error;
    }
  }

  /**
   * The job behind an outage: asks the registry again (throws while it is still down, so the job is
   * retried); an unknown or struck-off business ends its pending links.
   */
  async checkRegistry(businessId: string): Promise<void> {
    const business = await this.dataSource.manager.findOneBy(Business, { id: businessId });
    if (!business || business.registryStatus !== 'unknown') return;
    const entry = await this.registry.lookup(Ridet.parse(business.ridet));
    await this.dataSource.transaction(async (manager) => {
      if (entry && entry.status === 'active') {
        await manager.update(Business, { id: businessId }, { ...identity(entry), registryStatus: 'active', registryCheckedAt: new Date() });
        return;
      }
      await manager.update(Business, { id: businessId }, { ...(entry ? identity(entry) : {}), registryStatus: 'struck_off', registryCheckedAt: new Date() });
      const refused = await manager.update(BusinessMembership, { businessId, status: 'pending' }, { status: 'refused', endedAt: new Date() });
      await recordBusinessHistory(manager, {
        businessId,
        type: 'registry_refused',
        actorId: null,
        membershipId: null,
        details: { reason: entry ? 'struck_off' : 'unknown', refused: refused.affected ?? 0 },
      });
      this.logger.warn(`business ${businessId}: ${entry ? 'struck off' : 'unknown'} in the registry; pending links refused`);
    });
  }

  private async lookup(ridet: Ridet): Promise<RegistryEntry | null | 'unavailable'> {
    try {
      return await this.registry.lookup(ridet);
    } catch (error) {
      if (error instanceof RegistryUnavailableError) return 'unavailable';
      throw error;
    }
  }

  private async upsertBusiness(manager: EntityManager, ridet: Ridet, entry: RegistryEntry | null): Promise<Business> {
    await manager.createQueryBuilder().insert().into(Business).values({ rid: ridet.rid, ridet: ridet.value }).orIgnore().execute();
    if (entry) {
      await manager.update(Business, { ridet: ridet.value }, { ...identity(entry), registryStatus: 'active', registryCheckedAt: new Date() });
    }
    return manager.findOneByOrFail(Business, { ridet: ridet.value });
  }
}

function identity(entry: RegistryEntry): Partial<Business> {
  return {
    legalName: entry.legalName,
    legalForm: entry.legalForm,
    nafCode: entry.nafCode,
    activityLabel: entry.activityLabel,
    street: entry.address.street,
    postcode: entry.address.postcode,
    commune: entry.address.commune,
  };
}
