import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: each agent's open files (submitted, in review, awaiting the applicant) in
// accounts.open_files, kept by a trigger on requests whatever writes them, so intake picks the
// least-loaded agent by reading one row per agent of the directorate instead of counting every open
// file it has (docs/PERFORMANCE.md). Counters are updated in agent id order, so two statements moving
// files in opposite directions cannot deadlock. The triggers come before the backfill, in the same
// transaction.
export class AgentOpenFiles1795931000000 implements MigrationInterface {
    name = 'AgentOpenFiles1795931000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "accounts" ADD "open_files" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE INDEX "accounts_agents_idx" ON "accounts" ("directorate_code") WHERE role = 'agent' AND status = 'active'`);
        // Statement-level, over the transition tables: one UPDATE per agent per statement, however
        // many files it writes (a row trigger would update the same few rows once per file, and a
        // bulk statement would pile up versions of them until it crawled). A trigger with
        // transition tables has a single event: three triggers, one function.
        await queryRunner.query(`CREATE FUNCTION requests_count_open_files() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                moves text := CASE TG_OP
                    WHEN 'INSERT' THEN 'SELECT assignee_id, status, 1 AS delta FROM new_files'
                    WHEN 'DELETE' THEN 'SELECT assignee_id, status, -1 AS delta FROM old_files'
                    ELSE 'SELECT assignee_id, status, -1 AS delta FROM old_files UNION ALL SELECT assignee_id, status, 1 FROM new_files'
                END;
                change record;
            BEGIN
                FOR change IN EXECUTE 'SELECT assignee_id AS agent, sum(delta)::int AS delta FROM (' || moves || ') m
                    WHERE assignee_id IS NOT NULL AND status IN (''submitted'', ''in_review'', ''awaiting_applicant'')
                    GROUP BY assignee_id HAVING sum(delta) <> 0 ORDER BY assignee_id'
                LOOP
                    UPDATE accounts SET open_files = open_files + change.delta WHERE id = change.agent;
                END LOOP;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER requests_count_open_files_insert AFTER INSERT ON "requests"
            REFERENCING NEW TABLE AS new_files FOR EACH STATEMENT EXECUTE FUNCTION requests_count_open_files()`);
        await queryRunner.query(`CREATE TRIGGER requests_count_open_files_update AFTER UPDATE ON "requests"
            REFERENCING OLD TABLE AS old_files NEW TABLE AS new_files FOR EACH STATEMENT EXECUTE FUNCTION requests_count_open_files()`);
        await queryRunner.query(`CREATE TRIGGER requests_count_open_files_delete AFTER DELETE ON "requests"
            REFERENCING OLD TABLE AS old_files FOR EACH STATEMENT EXECUTE FUNCTION requests_count_open_files()`);
        await queryRunner.query(`UPDATE accounts a SET open_files = c.n
            FROM (SELECT assignee_id, count(*)::int AS n FROM requests
                   WHERE assignee_id IS NOT NULL AND status IN ('submitted', 'in_review', 'awaiting_applicant') GROUP BY assignee_id) c
           WHERE a.id = c.assignee_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER requests_count_open_files_delete ON "requests"`);
        await queryRunner.query(`DROP TRIGGER requests_count_open_files_update ON "requests"`);
        await queryRunner.query(`DROP TRIGGER requests_count_open_files_insert ON "requests"`);
        await queryRunner.query(`DROP FUNCTION requests_count_open_files()`);
        await queryRunner.query(`DROP INDEX "public"."accounts_agents_idx"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "open_files"`);
    }
}
