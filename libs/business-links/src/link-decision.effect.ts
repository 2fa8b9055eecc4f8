import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { BusinessMembership, recordBusinessHistory } from '@portal/businesses';
import { EntityManager } from 'typeorm';
import { DecisionEffect, DecisionEffects, type Request } from '@portal/requests';
import { LINK_SERVICE_CODE } from './business-links.service';

/** The DAJI decision on a link file decides its pending mandate: approved → verified, else refused. */
@Injectable()
export class LinkDecisionEffect implements DecisionEffect, OnModuleInit {
  readonly serviceCodes = [LINK_SERVICE_CODE];

  constructor(
    private readonly effects: DecisionEffects,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.effects.register(this);
  }

  async apply(manager: EntityManager, request: Request): Promise<void> {
    const membership = await manager.findOneBy(BusinessMembership, { linkRequestId: request.id, status: 'pending' });
    if (!membership) return; // already decided another way (a business admin, an invitation)
    const approved = request.status === 'approved';
    await manager.update(
      BusinessMembership,
      { id: membership.id, status: 'pending' },
      approved
        ? { status: 'verified', verifiedVia: 'daji', verifiedAt: new Date(), verifiedBy: null }
        : { status: 'refused', endedAt: new Date() },
    );
    await recordBusinessHistory(manager, {
      businessId: membership.businessId,
      type: approved ? 'link_verified' : 'link_refused',
      actorId: null,
      membershipId: membership.id,
      details: { via: 'daji', requestId: request.id, outcome: request.status },
    });
    await this.audit.record(
      { action: 'business.link_decided', target: { type: 'business_membership', id: membership.id }, details: { outcome: request.status, requestId: request.id } },
      manager,
    );
  }
}
