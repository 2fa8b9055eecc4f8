import { MigrationInterface, QueryRunner } from "typeorm";

export class RequestsAndCatalogue1795912918793 implements MigrationInterface {
    name = 'RequestsAndCatalogue1795912918793'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dead_letters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "job_id" text NOT NULL, "queue" text NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "replayed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_084e63809483fb0a9c48aae607f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "request_id" uuid, "event_id" bigint, "title" text NOT NULL, "body" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "notifications_account_idx" ON "notifications"  ("account_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "notifications_event_account_key" ON "notifications"  ("event_id", "account_id") `);
        await queryRunner.query(`CREATE TABLE "service_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "version" integer NOT NULL, "directorate_code" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "applicant_kinds" text array NOT NULL, "form_schema" jsonb NOT NULL, "required_documents" jsonb NOT NULL DEFAULT '[]', "deadline_rule" jsonb NOT NULL, "open" boolean NOT NULL DEFAULT true, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" uuid, CONSTRAINT "PK_2cdf123a2486f00862495e81101" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "service_versions_code_version_key" ON "service_versions"  ("code", "version") `);
        await queryRunner.query(`CREATE TABLE "idempotency_keys" ("account_id" uuid NOT NULL, "key" text NOT NULL, "scope" text NOT NULL, "fingerprint" text NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_797bef48c094807d04973d995e9" PRIMARY KEY ("account_id", "key"))`);
        await queryRunner.query(`CREATE TABLE "job_effects" ("effect_key" text NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed90ddd4655666bb8551858fc84" PRIMARY KEY ("effect_key"))`);
        await queryRunner.query(`CREATE TABLE "reference_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_d3f15305259a907cc69d4df1c46" PRIMARY KEY ("year"))`);
        await queryRunner.query(`CREATE TABLE "requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text, "service_version_id" uuid NOT NULL, "service_code" text NOT NULL, "directorate_code" text NOT NULL, "applicant_account_id" uuid NOT NULL, "applicant_name" text NOT NULL, "status" text NOT NULL DEFAULT 'draft', "decision_kind" text, "data" jsonb NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "assignee_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "due_at" TIMESTAMP WITH TIME ZONE, "awaiting_since" TIMESTAMP WITH TIME ZONE, "suspended_ms" bigint NOT NULL DEFAULT '0', "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0428f484e96f9e6a55955f29b5f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "requests_reference_key" ON "requests"  ("reference") WHERE reference IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "requests_assignee_idx" ON "requests"  ("assignee_id", "status") `);
        await queryRunner.query(`CREATE INDEX "requests_worklist_submitted_idx" ON "requests"  ("directorate_code", "submitted_at", "id") `);
        await queryRunner.query(`CREATE INDEX "requests_worklist_due_idx" ON "requests"  ("directorate_code", "status", "due_at", "id") `);
        await queryRunner.query(`CREATE INDEX "requests_applicant_idx" ON "requests"  ("applicant_account_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "request_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "document_type" text NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" text NOT NULL, "storage_key" text NOT NULL, "uploaded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e34568bfd02b2f30d7aa30c73f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "request_documents_request_idx" ON "request_documents"  ("request_id") `);
        await queryRunner.query(`CREATE TABLE "request_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "request_id" uuid NOT NULL, "type" text NOT NULL, "from_status" text, "to_status" text, "actor_id" uuid, "actor_role" text NOT NULL, "visibility" text NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf9333ddb0c34f1533239fc9cb0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "request_events_request_idx" ON "request_events"  ("request_id", "id") `);
        await queryRunner.query(`CREATE TABLE "request_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_side" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c46c29c5bd12025b30863202dc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "request_messages_request_idx" ON "request_messages"  ("request_id", "created_at") `);
        await queryRunner.query(`CREATE TABLE "request_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "author_id" uuid NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce022f96b941f49e690706a1767" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "request_notes_request_idx" ON "request_notes"  ("request_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "email_messages" ADD "event_id" bigint`);
        await queryRunner.query(`CREATE UNIQUE INDEX "email_messages_event_account_key" ON "email_messages"  ("event_id", "account_id") WHERE event_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "service_versions" ADD CONSTRAINT "FK_f187ee8fe76e3e149e69ebbae71" FOREIGN KEY ("directorate_code") REFERENCES "directorates"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "requests" ADD CONSTRAINT "FK_b6e34b894818cd92284ecdcdde4" FOREIGN KEY ("service_version_id") REFERENCES "service_versions"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "requests" ADD CONSTRAINT "FK_d121ed564b1d41bd8851d3a2529" FOREIGN KEY ("applicant_account_id") REFERENCES "accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD CONSTRAINT "FK_385dae957e4ff8cba5d5b20ba71" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "request_events" ADD CONSTRAINT "FK_e8b717bcc3e01fbd300f4e97e56" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "request_messages" ADD CONSTRAINT "FK_41626149ddfb759408a1c66ed30" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "request_notes" ADD CONSTRAINT "FK_bb59e4f94d834031139452652c5" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "request_notes" DROP CONSTRAINT "FK_bb59e4f94d834031139452652c5"`);
        await queryRunner.query(`ALTER TABLE "request_messages" DROP CONSTRAINT "FK_41626149ddfb759408a1c66ed30"`);
        await queryRunner.query(`ALTER TABLE "request_events" DROP CONSTRAINT "FK_e8b717bcc3e01fbd300f4e97e56"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP CONSTRAINT "FK_385dae957e4ff8cba5d5b20ba71"`);
        await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_d121ed564b1d41bd8851d3a2529"`);
        await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_b6e34b894818cd92284ecdcdde4"`);
        await queryRunner.query(`ALTER TABLE "service_versions" DROP CONSTRAINT "FK_f187ee8fe76e3e149e69ebbae71"`);
        await queryRunner.query(`DROP INDEX "public"."email_messages_event_account_key"`);
        await queryRunner.query(`ALTER TABLE "email_messages" DROP COLUMN "event_id"`);
        await queryRunner.query(`DROP INDEX "public"."request_notes_request_idx"`);
        await queryRunner.query(`DROP TABLE "request_notes"`);
        await queryRunner.query(`DROP INDEX "public"."request_messages_request_idx"`);
        await queryRunner.query(`DROP TABLE "request_messages"`);
        await queryRunner.query(`DROP INDEX "public"."request_events_request_idx"`);
        await queryRunner.query(`DROP TABLE "request_events"`);
        await queryRunner.query(`DROP INDEX "public"."request_documents_request_idx"`);
        await queryRunner.query(`DROP TABLE "request_documents"`);
        await queryRunner.query(`DROP INDEX "public"."requests_applicant_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_due_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_worklist_submitted_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_assignee_idx"`);
        await queryRunner.query(`DROP INDEX "public"."requests_reference_key"`);
        await queryRunner.query(`DROP TABLE "requests"`);
        await queryRunner.query(`DROP TABLE "reference_counters"`);
        await queryRunner.query(`DROP TABLE "job_effects"`);
        await queryRunner.query(`DROP TABLE "idempotency_keys"`);
        await queryRunner.query(`DROP INDEX "public"."service_versions_code_version_key"`);
        await queryRunner.query(`DROP TABLE "service_versions"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_event_account_key"`);
        await queryRunner.query(`DROP INDEX "public"."notifications_account_idx"`);
        await queryRunner.query(`DROP TABLE "notifications"`);
        await queryRunner.query(`DROP TABLE "dead_letters"`);
    }

}
