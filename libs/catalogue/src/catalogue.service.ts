import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Directorate, DirectorateCode } from '@portal/accounts';
import { AuditService, RequestOrigin } from '@portal/audit';
import { DomainError, PG_UNIQUE_VIOLATION, pgErrorCode, validationFailed } from '@portal/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { isServiceCode, validateServiceDefinition } from './service-definition';
import { ApplicantKind, ServiceVersion } from './service-version.entity';

export interface ServiceFilters {
  directorate?: DirectorateCode;
  applicantKind?: ApplicantKind;
}

// Dictionary order of French titles: accents do not push a title to the end, apostrophes and
// spaces are ignored (« Aide à la création » before « Aide à l'investissement »).
const FRENCH = new Intl.Collator('fr', { sensitivity: 'base', numeric: true, ignorePunctuation: true });

const sortServices = (rows: ServiceVersion[]): ServiceVersion[] =>
  rows.sort((a, b) => a.directorateCode.localeCompare(b.directorateCode) || FRENCH.compare(a.title, b.title) || a.code.localeCompare(b.code));

const serviceNotFound = (): DomainError => new DomainError('NOT_FOUND', "Cette démarche n'existe pas.");

/** The services catalogue: versions are immutable, publishing adds the next one. */
@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The current (highest) version of each open service, by directorate then title. */
  async list(filters: ServiceFilters = {}): Promise<ServiceVersion[]> {
    // A withdrawn current version hides the service even if an older version was open.
    const query = this.currentVersions(this.dataSource.manager).andWhere('v.open = true');
    if (filters.directorate) query.andWhere('v.directorateCode = :directorate', { directorate: filters.directorate });
    if (filters.applicantKind) query.andWhere(':applicantKind = ANY(v.applicantKinds)', { applicantKind: filters.applicantKind });
    return sortServices(await query.getMany());
  }

  /** Admins: the current version of every service, withdrawn ones included, by directorate then title. */
  async listAll(): Promise<ServiceVersion[]> {
    return sortServices(await this.currentVersions(this.dataSource.manager).getMany());
  }

  /** Every version of a service, newest first. */
  async versions(code: string): Promise<ServiceVersion[]> {
    const found = isServiceCode(code)
      ? await this.dataSource.manager.find(ServiceVersion, { where: { code }, order: { version: 'DESC' }, relations: { directorate: true } })
      : [];
    if (found.length === 0) throw serviceNotFound();
    return found;
  }

  /** One numbered version of a service: the form a draft was begun under stays readable after a newer one is published. */
  async getNumberedVersion(code: string, version: number): Promise<ServiceVersion> {
    const found = isServiceCode(code) ? await this.dataSource.manager.findOne(ServiceVersion, { where: { code, version }, relations: { directorate: true } }) : null;
    if (!found) throw serviceNotFound();
    return found;
  }

  /** The current version of a service, open or withdrawn (a withdrawn service stays readable). */
  async getCurrent(code: string): Promise<ServiceVersion> {
    const found = isServiceCode(code)
      ? await this.dataSource.manager.findOne(ServiceVersion, { where: { code }, order: { version: 'DESC' }, relations: { directorate: true } })
      : null;
    if (!found) throw serviceNotFound();
    return found;
  }

  /**
   * Publishes the next version of a service (1 for a new code). Two concurrent publications of one
   * code cannot both take the same number: the unique index on (code, version) refuses the second.
   */
  async publish(actor: Actor, code: string, input: unknown, origin?: RequestOrigin): Promise<ServiceVersion> {
    if (actor.role !== 'admin') throw new DomainError('FORBIDDEN');
    if (!isServiceCode(code)) {
      throw validationFailed([{ field: 'code', code: 'INVALID_FORMAT', message: 'Le code de la démarche s’écrit en majuscules, chiffres et tirets (ex. DEL-OFFRE-EMPLOI).' }]);
    }
    const checked = validateServiceDefinition(input);
    if (!checked.ok) throw validationFailed(checked.errors);
    const definition = checked.value;

    try {
      return await this.dataSource.transaction(async (manager) => {
        const directorate = await manager.findOneBy(Directorate, { code: definition.directorateCode });
        if (!directorate) throw validationFailed([{ field: 'directorateCode', code: 'NOT_FOUND', message: "Cette direction n'existe pas." }]);
        const latest = await manager
          .createQueryBuilder(ServiceVersion, 'v')
          .select('COALESCE(MAX(v.version), 0)', 'latest')
          .where('v.code = :code', { code })
          .getRawOne<{ latest: number }>();
        const version = manager.create(ServiceVersion, { ...definition, code, version: (latest?.latest ?? 0) + 1, publishedBy: actor.accountId });
        await manager.insert(ServiceVersion, version);
        await this.audit.record(
          {
            action: 'catalogue.service_published',
            actorId: actor.accountId,
            target: { type: 'service_version', id: version.id },
            origin,
            details: { code, version: version.version, directorateCode: version.directorateCode, open: version.open },
          },
          manager,
        );
        version.directorate = directorate;
        return version;
      });
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new DomainError('CONFLICT', "Une autre version de cette démarche vient d'être publiée. Rechargez-la puis réessayez.");
      }
      throw error;
    }
  }

  private currentVersions(manager: EntityManager): SelectQueryBuilder<ServiceVersion> {
    return manager
      .createQueryBuilder(ServiceVersion, 'v')
      .leftJoinAndSelect('v.directorate', 'd')
      .where('NOT EXISTS (SELECT 1 FROM service_versions newer WHERE newer.code = v.code AND newer.version > v.version)');
  }
}
