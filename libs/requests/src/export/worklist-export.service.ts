import { Injectable } from '@nestjs/common';
import type { Actor, DirectorateCode } from '@portal/accounts';
import { AuditService } from '@portal/audit';
import { CatalogueService, FormField } from '@portal/catalogue';
import { DomainError } from '@portal/common';
import { WorklistExportQuery } from '../dto/agent.dto';
import { WorklistService } from '../worklist.service';
import { CSV_BOM, WorklistCsv } from './worklist-csv';

/**
 * The worklist as CSV, as démarches-simplifiées agents get it: the same filters, order and
 * directorate scope as the worklist, streamed page by page. Who exported what is audited.
 */
@Injectable()
export class WorklistExport {
  constructor(
    private readonly worklist: WorklistService,
    private readonly catalogue: CatalogueService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the scope and records the export before a byte is sent; then the file's chunks, and the
   * directorate exported (null: all of them, for an admin).
   */
  async open(actor: Actor, query: WorklistExportQuery): Promise<{ directorate: DirectorateCode | null; chunks: AsyncGenerator<string> }> {
    const directorate = this.worklist.directorateOf(actor, query);
    const fields = query.service ? await this.formFields(query.service) : [];
    // The search words may be a person's name: the append-only audit log keeps only that there were some.
    const { q, ...filters } = query;
    await this.audit.record({ action: 'request.worklist_exported', actorId: actor.accountId, details: { ...filters, search: q !== undefined } });
    return { directorate, chunks: this.chunks(actor, query, new WorklistCsv(fields)) };
  }

  /** The service's current form; an unknown code gives the file columns only (its list is empty, as in the worklist). */
  private async formFields(serviceCode: string): Promise<readonly FormField[]> {
    try {
      return (await this.catalogue.getCurrent(serviceCode)).formSchema.fields;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }

  private async *chunks(actor: Actor, query: WorklistExportQuery, csv: WorklistCsv): AsyncGenerator<string> {
    const now = new Date();
    yield CSV_BOM + csv.header();
    for await (const page of this.worklist.pages(actor, query)) yield page.map((r) => csv.row(r, now)).join('');
  }
}
