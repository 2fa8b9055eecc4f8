import { endOfNoumeaDay, formatNoumeaDate, isValidIsoDate, parseLocalDate } from '@portal/catalogue';
import type { FieldError } from '@portal/common';
import { MANAGER_ROLES } from './business-access';
import type { BusinessMembership, MembershipRole } from './entities/business-membership.entity';

export type ManagerRole = (typeof MANAGER_ROLES)[number];

/** Roles a manager may give. `legal_representative` is a legal fact only DAJI verifies, through a link request. */
export const GRANTABLE_ROLES = ['admin', 'member'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const ONLY_DAJI_MAKES_LEGAL_REPRESENTATIVES =
  'Seule la DAJI peut reconnaître un représentant légal, au vu d’une demande de rattachement accompagnée de ses justificatifs.';

/** How a role reads in emails and screens ("en tant que …"). */
export const ROLE_LABELS_FR: Record<MembershipRole, string> = {
  legal_representative: 'représentant légal',
  admin: 'administrateur',
  member: 'membre',
};

export const isManagerRole = (role: MembershipRole): role is ManagerRole => (MANAGER_ROLES as readonly MembershipRole[]).includes(role);

/** The terms of a mandate a manager can change. */
export type Mandate = Pick<BusinessMembership, 'role' | 'scopeDirectorates' | 'scopeServices' | 'expiresAt'>;

/** What a PATCH asks for: undefined leaves a term as it is, null removes a scope or an end date. */
export interface MandateChange {
  role?: MembershipRole;
  scopeDirectorates?: string[] | null;
  scopeServices?: string[] | null;
  expiresAt?: Date | null;
}

/**
 * Why a manager may not act on a colleague's mandate, or null when they may. An administrator
 * never touches a legal representative: the representative's powers come from the law, not from them.
 */
export function managementRefusal(actorRole: MembershipRole, targetRole: MembershipRole): string | null {
  if (!isManagerRole(actorRole)) return 'Seuls le représentant légal et les administrateurs de l’entreprise peuvent gérer ses membres.';
  if (targetRole === 'legal_representative' && actorRole !== 'legal_representative') {
    return 'Un administrateur ne peut ni modifier ni révoquer le mandat d’un représentant légal.';
  }
  return null;
}

/** Higher ranks first: a manager grants their own rank or a lower one. */
const ROLE_RANK: Record<MembershipRole, number> = { legal_representative: 0, admin: 1, member: 2 };

/**
 * Why a manager may not grant this mandate, or null when their own mandate covers it. Every path
 * that grants (invitation, member update, approval, acceptance of an invitation) asks this, so a
 * manager scoped to one directorate cannot hand a second account more than they hold:
 * directorates and services must be subsets of the actor's (null is everything, so only an
 * unrestricted actor grants null), the end no later than the actor's, the role no higher.
 * A legal representative holds their powers from the law, not from a mandate: no limit.
 */
export function grantRefusal(actor: Mandate, granted: Mandate): string | null {
  if (actor.role === 'legal_representative') return null;
  if (ROLE_RANK[granted.role] < ROLE_RANK[actor.role]) {
    return `Vous êtes ${ROLE_LABELS_FR[actor.role]} : vous ne pouvez pas confier le rôle de ${ROLE_LABELS_FR[granted.role]}.`;
  }
  const directorates = scopeExcess(actor.scopeDirectorates, granted.scopeDirectorates);
  if (directorates === 'all') return `Votre mandat est limité aux directions ${list(actor.scopeDirectorates)} : précisez des directions parmi celles-ci.`;
  if (directorates) return `Votre mandat ne couvre pas les directions ${list(directorates)} : vous ne pouvez pas les confier.`;
  const services = scopeExcess(actor.scopeServices, granted.scopeServices);
  if (services === 'all') return `Votre mandat est limité aux démarches ${list(actor.scopeServices)} : précisez des démarches parmi celles-ci.`;
  if (services) return `Votre mandat ne couvre pas les démarches ${list(services)} : vous ne pouvez pas les confier.`;
  if (actor.expiresAt !== null && (granted.expiresAt === null || granted.expiresAt.getTime() > actor.expiresAt.getTime())) {
    return `Votre mandat prend fin le ${formatNoumeaDate(actor.expiresAt)} : le mandat confié doit finir au plus tard à cette date.`;
  }
  return null;
}

/** What a granted scope holds beyond the actor's: 'all' for no restriction, the extra codes, or null. */
function scopeExcess(actor: readonly string[] | null, granted: readonly string[] | null): 'all' | string[] | null {
  if (actor === null) return null;
  if (granted === null) return 'all';
  const extra = granted.filter((code) => !actor.includes(code));
  return extra.length > 0 ? extra : null;
}

const list = (codes: readonly string[] | null): string => (codes ?? []).join(', ');

/** Only the terms that actually change (scopes compared as sets), so a no-op writes nothing. */
export function mandateDiff(current: Mandate, change: MandateChange): MandateChange {
  const diff: MandateChange = {};
  if (change.role !== undefined && change.role !== current.role) diff.role = change.role;
  if (change.scopeDirectorates !== undefined && !sameScope(change.scopeDirectorates, current.scopeDirectorates)) {
    diff.scopeDirectorates = change.scopeDirectorates;
  }
  if (change.scopeServices !== undefined && !sameScope(change.scopeServices, current.scopeServices)) diff.scopeServices = change.scopeServices;
  if (change.expiresAt !== undefined && change.expiresAt?.getTime() !== current.expiresAt?.getTime()) diff.expiresAt = change.expiresAt;
  return diff;
}

/** The terms a mandate has once a change is applied (what a grant is checked against). */
export function mandateAfter(current: Mandate, change: MandateChange): Mandate {
  return {
    role: change.role ?? current.role,
    scopeDirectorates: change.scopeDirectorates !== undefined ? change.scopeDirectorates : current.scopeDirectorates,
    scopeServices: change.scopeServices !== undefined ? change.scopeServices : current.scopeServices,
    expiresAt: change.expiresAt !== undefined ? change.expiresAt : current.expiresAt,
  };
}

/** Whether the change takes management rights away from a mandate that has them. */
export function removesManagement(current: MembershipRole, change: MandateChange): boolean {
  return isManagerRole(current) && change.role !== undefined && !isManagerRole(change.role);
}

function sameScope(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((value, i) => value === right[i]);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A mandate's end as people give it: a date alone means "up to the end of that day in Nouméa"
 * (valid through 30 June), a date-time is taken as written. Null when not a real date.
 */
export function parseMandateEnd(value: string): Date | null {
  if (DATE_ONLY.test(value)) return isValidIsoDate(value) ? endOfNoumeaDay(parseLocalDate(value)) : null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A mandate's end must lie ahead: an end already past would create a mandate that never works. */
export function mandateEndErrors(field: string, end: Date | null | undefined, now: Date): FieldError[] {
  if (end === null || end === undefined || end.getTime() > now.getTime()) return [];
  return [{ field, code: 'PAST_DATE', message: 'La date de fin du mandat doit être dans le futur.' }];
}

/**
 * A scope must mean something: every service named must exist, and when directorates are named
 * too, belong to one of them (otherwise the mandate would cover nothing).
 * `serviceDirectorates` maps each known service code to its directorate.
 */
export function scopeErrors(
  scopeDirectorates: readonly string[] | null | undefined,
  scopeServices: readonly string[] | null | undefined,
  serviceDirectorates: ReadonlyMap<string, string>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const code of scopeServices ?? []) {
    const directorate = serviceDirectorates.get(code);
    if (directorate === undefined) {
      errors.push({ field: 'scopeServices', code: 'UNKNOWN_SERVICE', message: `La démarche ${code} n’existe pas.` });
    } else if (scopeDirectorates && !scopeDirectorates.includes(directorate)) {
      errors.push({
        field: 'scopeServices',
        code: 'OUTSIDE_DIRECTORATES',
        message: `La démarche ${code} relève de la direction ${directorate}, absente des directions choisies.`,
      });
    }
  }
  return errors;
}
