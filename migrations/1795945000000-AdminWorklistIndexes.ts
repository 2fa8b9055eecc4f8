import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: an admin's worklist spans every directorate, so the worklist indexes (which lead
// with the directorate) cannot give its order: each page read and sorted all 1,000,000 files
// (800 ms, `npm run bench -- worklist`). The same two orders without the directorate: due date
// (COALESCE(due_at, 'infinity'), an expression index declared on the entity with
// synchronize: false) and submission, drafts left out as in the agents' indexes.
export class AdminWorklistIndexes1795945000000 implements MigrationInterface {
    name = 'AdminWorklistIndexes1795945000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "requests_all_due_key_idx" ON "requests" ((COALESCE("due_at", 'infinity'::timestamptz)), "id") WHERE status <> 'draft'`);
        await queryRunner.query(`CREATE INDEX "requests_all_submitted_idx" ON "requests" ("submitted_at", "id") WHERE status <> 'draft'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."requests_all_submitted_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_all_due_key_idx"`);
    }
}
