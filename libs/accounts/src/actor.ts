import type { AccountRole } from './account.entity';
import type { DirectorateCode } from './directorate.entity';

/** Who is acting: set by the auth guard from a verified access token and a live session. */
export interface Actor {
  accountId: string;
  sessionId: string;
  role: AccountRole;
  directorateCode: DirectorateCode | null;
  /** The session passed a second factor (staff routes require it). Unset: not known (no HTTP session). */
  mfa?: boolean;
}

export const isStaff = (actor: Actor): boolean => actor.role !== 'citizen';
