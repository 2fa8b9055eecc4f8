import type { Actor } from '@portal/accounts';
import type { ActorRole } from './domain/request-workflow';

/** Who changes a file: a person (with the side they act on) or the system (a job). */
export type RequestActor =
  | { kind: 'person'; actor: Actor; role: Exclude<ActorRole, 'system'> }
  | { kind: 'system' };

export const SYSTEM: RequestActor = { kind: 'system' };

export const asApplicant = (actor: Actor): RequestActor => ({ kind: 'person', actor, role: 'applicant' });

/** Staff act in their own role; the workflow table decides what each may do. */
export function asStaff(actor: Actor): RequestActor {
  if (actor.role === 'citizen') throw new Error('a citizen cannot act as staff');
  return { kind: 'person', actor, role: actor.role };
}

export const actorRole = (a: RequestActor): ActorRole => (a.kind === 'system' ? 'system' : a.role);
export const actorId = (a: RequestActor): string | null => (a.kind === 'system' ? null : a.actor.accountId);
