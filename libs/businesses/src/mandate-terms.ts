import { ServiceVersion } from '@portal/catalogue';
import { FieldError, validationFailed } from '@portal/common';
import { EntityManager, In } from 'typeorm';
import type { MembershipRole } from './entities/business-membership.entity';
import type { MandateTermsDto } from './dto/mandate-terms.dto';
import { Mandate, MandateChange, mandateEndErrors, ONLY_DAJI_MAKES_LEGAL_REPRESENTATIVES, parseMandateEnd, scopeErrors } from './membership-rules';

/**
 * Checks a requested mandate (a change, or new terms when `current` is null) and converts it:
 * no legal representative by hand, an end date ahead, a scope naming real services of the
 * chosen directorates. Throws VALIDATION_FAILED listing every problem at once.
 */
export async function resolveMandateTerms(
  manager: EntityManager,
  dto: MandateTermsDto & { role?: MembershipRole },
  current: Mandate | null,
  now = new Date(),
): Promise<MandateChange> {
  const errors: FieldError[] = [];
  const change: MandateChange = {};
  if (dto.role !== undefined) {
    if (dto.role === 'legal_representative') {
      errors.push({ field: 'role', code: 'LEGAL_REPRESENTATIVE_BY_DAJI', message: ONLY_DAJI_MAKES_LEGAL_REPRESENTATIVES });
    }
    change.role = dto.role;
  }
  if (dto.expiresAt !== undefined) {
    change.expiresAt = dto.expiresAt === null ? null : parseMandateEnd(dto.expiresAt);
    if (change.expiresAt === null && dto.expiresAt !== null) {
      errors.push({ field: 'expiresAt', code: 'isISO8601', message: "La date n'est pas valide (format AAAA-MM-JJ attendu)." });
    } else {
      errors.push(...mandateEndErrors('expiresAt', change.expiresAt, now));
    }
  }
  if (dto.scopeDirectorates !== undefined) change.scopeDirectorates = dto.scopeDirectorates;
  if (dto.scopeServices !== undefined) change.scopeServices = dto.scopeServices;
  // Checked as they will stand after the change: narrowing the directorates can strand a listed service.
  const directorates = change.scopeDirectorates !== undefined ? change.scopeDirectorates : (current?.scopeDirectorates ?? null);
  const services = change.scopeServices !== undefined ? change.scopeServices : (current?.scopeServices ?? null);
  if (services !== null && (dto.scopeDirectorates !== undefined || dto.scopeServices !== undefined)) {
    errors.push(...scopeErrors(directorates, services, await serviceDirectorates(manager, services)));
  }
  if (errors.length > 0) throw validationFailed(errors);
  return change;
}

/** Each known service code with the directorate of its latest version. */
async function serviceDirectorates(manager: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await manager.find(ServiceVersion, { select: { code: true, directorateCode: true }, where: { code: In([...codes]) }, order: { version: 'ASC' } });
  return new Map(rows.map((r) => [r.code, r.directorateCode]));
}
