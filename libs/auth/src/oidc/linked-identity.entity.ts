import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '@portal/accounts';

/**
 * An identity at an OpenID Connect provider that signs in to an account: the provider's subject
 * (`sub`, stable and never reassigned by the provider) is the key, never the email. One identity per
 * provider and account; an identity belongs to one account only.
 */
@Entity('linked_identities')
@Index('linked_identities_provider_subject_key', ['provider', 'subject'], { unique: true })
@Index('linked_identities_account_provider_key', ['accountId', 'provider'], { unique: true })
export class LinkedIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  /** The provider's id in OIDC_PROVIDERS. */
  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text' })
  subject: string;

  /** The address the provider gave when the identity was linked (shown to its owner). */
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  linkedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
