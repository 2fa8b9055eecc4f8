import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: the worklist's indexes, measured on 1,000,000 requests (docs/PERFORMANCE.md,
// `npm run bench:worklist`). The due-date sort is on COALESCE(due_at, 'infinity'), so a plain
// due_at index cannot give its order; drafts never appear in the worklist, so the submission
// index leaves them out (they sat first in its backward scan); the name search is ILIKE '%…%',
// which only a trigram index serves. The expression and GIN indexes are declared on the entity
// with synchronize: false.
export class WorklistIndexes1795924724362 implements MigrationInterface {
    name = 'WorklistIndexes1795924724362'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_due_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_submitted_idx"`);
        await queryRunner.query(`CREATE INDEX "requests_worklist_submitted_idx" ON "requests"  ("directorate_code", "submitted_at", "id") WHERE status <> 'draft'`);
        await queryRunner.query(`CREATE INDEX "requests_worklist_due_key_idx" ON "requests" ("directorate_code", (COALESCE("due_at", 'infinity'::timestamptz)), "id") WHERE status <> 'draft'`);
        await queryRunner.query(`CREATE INDEX "requests_worklist_status_due_idx" ON "requests" ("directorate_code", "status", (COALESCE("due_at", 'infinity'::timestamptz)), "id")`);
        await queryRunner.query(`CREATE INDEX "requests_applicant_name_trgm_idx" ON "requests" USING gin ("applicant_name" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."requests_applicant_name_trgm_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_status_due_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_due_key_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_submitted_idx"`);
        await queryRunner.query(`CREATE INDEX "requests_worklist_submitted_idx" ON "requests"  ("directorate_code", "submitted_at", "id") `);
        await queryRunner.query(`CREATE INDEX "requests_worklist_due_idx" ON "requests"  ("directorate_code", "status", "due_at", "id") `);
        await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    }
}
