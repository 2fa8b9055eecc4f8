import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Account, Actor, UNUSABLE_PASSWORD } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError } from '@portal/common';
import { DataSource } from 'typeorm';
import { LinkedIdentity } from './linked-identity.entity';
import { OidcClients } from './oidc-clients.service';

export interface LinkedIdentityView {
  provider: string;
  /** The provider's display name (the id, for a provider no longer configured). */
  name: string;
  email: string | null;
  linkedAt: Date;
  lastUsedAt: Date | null;
}

/** A person's own linked identities: seen and unlinked from the account page (linking starts at OidcSignInService). */
@Injectable()
export class LinkedIdentitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: OidcClients,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<LinkedIdentityView[]> {
    const names = new Map(this.clients.list().map((p) => [p.id, p.name]));
    const identities = await this.dataSource.manager.find(LinkedIdentity, { where: { accountId: actor.accountId }, order: { linkedAt: 'ASC' } });
    return identities.map((i) => ({ provider: i.provider, name: names.get(i.provider) ?? i.provider, email: i.email, linkedAt: i.linkedAt, lastUsedAt: i.lastUsedAt }));
  }

  /** Refused when it is the account's only way in (no password, no other identity). */
  async unlink(actor: Actor, provider: string, origin: RequestOrigin): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Locked: two unlinks at once cannot both see "another way in remains".
      const account = await manager.findOneOrFail(Account, { where: { id: actor.accountId }, select: { id: true, passwordHash: true }, lock: { mode: 'pessimistic_write' } });
      const identities = await manager.findBy(LinkedIdentity, { accountId: actor.accountId });
      const identity = identities.find((i) => i.provider === provider);
      if (!identity) throw new DomainError('OIDC_IDENTITY_NOT_LINKED');
      if (account.passwordHash === UNUSABLE_PASSWORD && identities.length === 1) throw new DomainError('OIDC_LAST_SIGN_IN_METHOD');
      await manager.delete(LinkedIdentity, { id: identity.id });
      await this.audit.record({ action: 'auth.identity_unlinked', actorId: actor.accountId, target: { type: 'account', id: actor.accountId }, origin, details: { provider } }, manager);
    });
  }
}
