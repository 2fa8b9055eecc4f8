import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: each agent's open files (submitted, in review, awaiting the applicant) in
// accounts.open_files, kept by a trigger on requests whatever writes them, so intake picks the
// least-loaded agent by reading one row per agent of the directorate instead of counting every open
// file it has (docs/PERFORMANCE.md). A reassignment moves two counters: in id order, so two opposite
// ones cannot deadlock. The trigger comes before the backfill, in the same transaction.
export class AgentOpenFiles1795931000000 implements MigrationInterface {
    name = 'AgentOpenFiles1795931000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "accounts" ADD "open_files" integer NOT NULL DEFAULT 0`);
        await queryRunner.query(`CREATE INDEX "accounts_agents_idx" ON "accounts" ("directorate_code") WHERE role = 'agent' AND status = 'active'`);
        await queryRunner.query(`CREATE FUNCTION requests_count_open_files() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                released uuid; -- the agent the file stops counting for
                taken uuid;    -- the agent it starts counting for
                change record;
            BEGIN
                IF TG_OP <> 'INSERT' AND OLD.status IN ('submitted', 'in_review', 'awaiting_applicant') THEN released := OLD.assignee_id; END IF;
                IF TG_OP <> 'DELETE' AND NEW.status IN ('submitted', 'in_review', 'awaiting_applicant') THEN taken := NEW.assignee_id; END IF;
                IF released IS NOT DISTINCT FROM taken THEN RETURN NULL; END IF;
                FOR change IN SELECT x.agent, x.delta FROM (VALUES (released, -1), (taken, 1)) x(agent, delta) WHERE x.agent IS NOT NULL ORDER BY x.agent LOOP
                    UPDATE accounts SET open_files = open_files + change.delta WHERE id = change.agent;
                END LOOP;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER requests_count_open_files AFTER INSERT OR DELETE OR UPDATE OF assignee_id, status ON "requests" FOR EACH ROW EXECUTE FUNCTION requests_count_open_files()`);
        await queryRunner.query(`UPDATE accounts a SET open_files = c.n
            FROM (SELECT assignee_id, count(*)::int AS n FROM requests
                   WHERE assignee_id IS NOT NULL AND status IN ('submitted', 'in_review', 'awaiting_applicant') GROUP BY assignee_id) c
           WHERE a.id = c.assignee_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER requests_count_open_files ON "requests"`);
        await queryRunner.query(`DROP FUNCTION requests_count_open_files()`);
        await queryRunner.query(`DROP INDEX "public"."accounts_agents_idx"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "open_files"`);
    }
}
