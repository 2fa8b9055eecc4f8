import fc from 'fast-check';
import request from 'supertest';
import { Request, REQUEST_STATUSES } from '@portal/requests';
import { authHeader, createAccount, createDraft, createService, login, registerVerified } from './support/factories';
import { startTestPortal, TestPortal } from './support/test-portal';
import { eventually } from './support/wait';

const OPEN = ['submitted', 'in_review', 'awaiting_applicant'];

/**
 * accounts.open_files, which intake reads to pick the least-loaded agent, is kept by a trigger on
 * requests. Whatever writes requests — the API, the worker, a migration, raw SQL, concurrent
 * transactions — each agent's counter must equal the count of their open files.
 */
describe('Agent workload counter (e2e, real PostgreSQL)', () => {
  let portal: TestPortal;
  let agents: string[];
  let template: string;
  const files: string[] = [];

  beforeAll(async () => {
    portal = await startTestPortal();
    agents = await Promise.all([1, 2, 3].map(async () => (await createAccount(portal, 'agent', 'DEL')).accountId));
    const owner = await login(portal, await registerVerified(portal));
    template = (await createDraft(portal, owner.accessToken, (await createService(portal, { directorateCode: 'DEL' })).code)).id;
  });
  afterAll(async () => {
    await portal?.close();
  });

  /** Agents whose counter differs from the count of their open files. */
  const drift = async (): Promise<unknown[]> =>
    portal.db.query(
      `SELECT a.id, a.open_files, count(r.id)::int AS actual
         FROM accounts a LEFT JOIN requests r ON r.assignee_id = a.id AND r.status = ANY($1)
        WHERE a.role IN ('agent', 'supervisor')
        GROUP BY a.id HAVING a.open_files <> count(r.id)`,
      [OPEN],
    );

  /** Several files in one statement, one per assignee given. */
  const insertFiles = async (status: string, assignees: Array<string | null>): Promise<string[]> => {
    const rows = (await portal.db.query(
      `INSERT INTO requests (service_version_id, service_code, directorate_code, applicant_account_id, applicant_name, status, assignee_id)
       SELECT service_version_id, service_code, directorate_code, applicant_account_id, applicant_name, $2, a FROM requests, unnest($3::uuid[]) a WHERE id = $1
       RETURNING id`,
      [template, status, assignees],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  };
  const insertFile = async (status: string, assignee: string | null): Promise<string> => (await insertFiles(status, [assignee]))[0];

  it('equals each agent’s open files after any sequence of inserts, status changes, reassignments and deletions, one file or several a statement', async () => {
    const assignee = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), status: fc.constantFrom(...REQUEST_STATUSES), assignee }),
      fc.record({ kind: fc.constant('status' as const), file: fc.nat(), status: fc.constantFrom(...REQUEST_STATUSES) }),
      fc.record({ kind: fc.constant('assign' as const), file: fc.nat(), assignee }),
      fc.record({ kind: fc.constant('both' as const), file: fc.nat(), status: fc.constantFrom(...REQUEST_STATUSES), assignee }),
      fc.record({ kind: fc.constant('delete' as const), file: fc.nat() }),
      // One statement over several files: the trigger sums each agent's moves.
      fc.record({ kind: fc.constant('bulk-insert' as const), status: fc.constantFrom(...REQUEST_STATUSES), assignees: fc.array(assignee, { minLength: 2, maxLength: 6 }) }),
      fc.record({ kind: fc.constant('bulk-status' as const), files: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), status: fc.constantFrom(...REQUEST_STATUSES) }),
      fc.record({ kind: fc.constant('bulk-assign' as const), files: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }), assignee }),
      fc.record({ kind: fc.constant('bulk-delete' as const), files: fc.array(fc.nat(), { minLength: 2, maxLength: 6 }) }),
    );
    const agentOf = (i: number | null) => (i === null ? null : agents[i]);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        for (const o of ops) {
          if (o.kind === 'insert') {
            files.push(await insertFile(o.status, agentOf(o.assignee)));
            continue;
          }
          if (o.kind === 'bulk-insert') {
            files.push(...(await insertFiles(o.status, o.assignees.map(agentOf))));
            continue;
          }
          if (files.length === 0) continue;
          if (o.kind === 'bulk-status' || o.kind === 'bulk-assign' || o.kind === 'bulk-delete') {
            const ids = [...new Set(o.files.map((f) => files[f % files.length]))];
            if (o.kind === 'bulk-status') await portal.db.query('UPDATE requests SET status = $2 WHERE id = ANY($1)', [ids, o.status]);
            if (o.kind === 'bulk-assign') await portal.db.query('UPDATE requests SET assignee_id = $2 WHERE id = ANY($1)', [ids, agentOf(o.assignee)]);
            if (o.kind === 'bulk-delete') {
              await portal.db.query('DELETE FROM requests WHERE id = ANY($1)', [ids]);
              for (const id of ids) files.splice(files.indexOf(id), 1);
            }
            continue;
          }
          const id = files[o.file % files.length];
          if (o.kind === 'status') await portal.db.query('UPDATE requests SET status = $2 WHERE id = $1', [id, o.status]);
          if (o.kind === 'assign') await portal.db.query('UPDATE requests SET assignee_id = $2 WHERE id = $1', [id, agentOf(o.assignee)]);
          if (o.kind === 'both') await portal.db.query('UPDATE requests SET status = $2, assignee_id = $3 WHERE id = $1', [id, o.status, agentOf(o.assignee)]);
          if (o.kind === 'delete') {
            await portal.db.query('DELETE FROM requests WHERE id = $1', [id]);
            files.splice(files.indexOf(id), 1);
          }
        }
        expect(await drift()).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('stays exact under concurrent reassignments back and forth between the same agents', async () => {
    const open = await Promise.all(Array.from({ length: 8 }, (_, i) => insertFile('in_review', agents[i % 3])));
    // Rounds of 8 concurrent transactions, one file each (as in the app), moving files both ways
    // between the same agents and holding their counter rows a moment before committing.
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        open.map((id, i) =>
          portal.db.transaction(async (manager) => {
            await manager.query('UPDATE requests SET assignee_id = $2 WHERE id = $1', [id, agents[(i + round) % 3]]);
            await manager.query('SELECT pg_sleep(0.002)');
          }),
        ),
      );
    }
    expect(await drift()).toEqual([]);
  });

  it('is what intake reads: files filed through the API go to the agent with the fewest open files', async () => {
    // Give the first two agents a backlog: the next files go to the third until it catches up.
    await portal.db.query(`UPDATE requests SET assignee_id = NULL WHERE assignee_id = ANY($1)`, [agents]);
    for (let i = 0; i < 4; i++) await insertFile('in_review', agents[0]);
    for (let i = 0; i < 3; i++) await insertFile('in_review', agents[1]);
    const owner = await login(portal, await registerVerified(portal));
    const service = await createService(portal, { directorateCode: 'DEL' });
    const assigned: string[] = [];
    for (let i = 0; i < 4; i++) {
      const draft = await createDraft(portal, owner.accessToken, service.code);
      await request(portal.url).post(`/api/requests/${draft.id}/submit`).set(authHeader(owner.accessToken)).set('idempotency-key', `workload-${draft.id}`).send({}).expect(200);
      const file = await eventually(async () => {
        const r = await portal.db.manager.findOneBy(Request, { id: draft.id });
        return r?.status === 'in_review' ? r : null;
      });
      assigned.push(file.assigneeId!);
    }
    // 4, 3 and 0 open files: the third agent takes the next three; then the second and the third
    // tie at 3, and the smaller id wins.
    expect(assigned.slice(0, 3)).toEqual([agents[2], agents[2], agents[2]]);
    expect(assigned[3]).toBe([agents[1], agents[2]].sort()[0]);
    expect(await drift()).toEqual([]);
  });
});
