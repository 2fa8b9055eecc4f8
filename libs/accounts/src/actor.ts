import type { AccountRole } from './account.entity';
import type { DirectorateCode } from './directorate.entity';

/** Who is acting: set by the auth guard from a verified access token and a live session. */
export interface Actor {
  accountId: string;
  sessionId: string;
  role: AccountRole;
  directorateCode: DirectorateCode | null;
}

export const isStaff = (actor: Actor): boolean => actor.role !== 'citizen';
