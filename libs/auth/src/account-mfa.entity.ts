import { Column, CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Account } from '@portal/accounts';

/**
 * An account's TOTP second factor (RFC 6238). The secret is encrypted (AES-256-GCM, MfaCrypto);
 * `confirmedAt` is null while enrolment waits for a first code. `lastUsedStep` is the time step of
 * the last code accepted: a code of that step or an earlier one is refused (no replay).
 */
@Entity('account_mfa')
export class AccountMfa {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @OneToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'text' })
  secretEncrypted: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'bigint', nullable: true })
  lastUsedStep: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
