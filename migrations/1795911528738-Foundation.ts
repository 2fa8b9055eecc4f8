import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1795911528738 implements MigrationInterface {
    name = 'Foundation1795911528738'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "queue" text NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "relay_attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages"  ("available_at") WHERE sent_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "directorates" ("code" text NOT NULL, "name" text NOT NULL, CONSTRAINT "PK_3f57e98c329045d815984cf8251" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "status" text NOT NULL DEFAULT 'pending_verification', "role" text NOT NULL DEFAULT 'citizen', "directorate_code" text, "civility" text, "first_name" text NOT NULL, "last_name" text NOT NULL, "birth_date" date, "phone" text, "address_line1" text, "address_line2" text, "postcode" text, "commune" text, "email_verified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "accounts_staff_directorate" CHECK ((role IN ('agent', 'supervisor')) = (directorate_code IS NOT NULL)), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "accounts_email_key" ON "accounts"  ("email") `);
        await queryRunner.query(`CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "purpose" text NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "account_tokens_account_idx" ON "account_tokens"  ("account_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "account_tokens_hash_key" ON "account_tokens"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "action" text NOT NULL, "target_type" text, "target_id" text, "ip" inet, "user_agent" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "audit_log_target_idx" ON "audit_log"  ("target_type", "target_id") `);
        await queryRunner.query(`CREATE INDEX "audit_log_actor_idx" ON "audit_log"  ("actor_id", "occurred_at") `);
        await queryRunner.query(`CREATE TABLE "email_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "account_id" uuid, "to_address" text NOT NULL, "subject" text NOT NULL, "text_body" text, "html_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "provider_message_id" text, CONSTRAINT "PK_922cad79d5a315f5d1d06b077da" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" text, "ip" inet, "user_agent" text, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sessions_account_idx" ON "sessions"  ("account_id") `);
        await queryRunner.query(`CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "refresh_tokens_session_idx" ON "refresh_tokens"  ("session_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "refresh_tokens_hash_key" ON "refresh_tokens"  ("token_hash") `);
        await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_934d7bef8488ba55b8d92cfe8ae" FOREIGN KEY ("directorate_code") REFERENCES "directorates"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_870787de4c0e110e30ba3df237b" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_da0cf19646ff5c6e3c0284468e5" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Written by hand: the audit log is append-only, whoever connects.
        await queryRunner.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER audit_log_append_only ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
        await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3bf308fa93da3966f9e76fcfba4"`);
        await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_da0cf19646ff5c6e3c0284468e5"`);
        await queryRunner.query(`ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_870787de4c0e110e30ba3df237b"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_934d7bef8488ba55b8d92cfe8ae"`);
        await queryRunner.query(`DROP INDEX "public"."refresh_tokens_hash_key"`);
        await queryRunner.query(`DROP INDEX "public"."refresh_tokens_session_idx"`);
        await queryRunner.query(`DROP TABLE "refresh_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."sessions_account_idx"`);
        await queryRunner.query(`DROP TABLE "sessions"`);
        await queryRunner.query(`DROP TABLE "email_messages"`);
        await queryRunner.query(`DROP INDEX "public"."audit_log_actor_idx"`);
        await queryRunner.query(`DROP INDEX "public"."audit_log_target_idx"`);
        await queryRunner.query(`DROP TABLE "audit_log"`);
        await queryRunner.query(`DROP INDEX "public"."account_tokens_hash_key"`);
        await queryRunner.query(`DROP INDEX "public"."account_tokens_account_idx"`);
        await queryRunner.query(`DROP TABLE "account_tokens"`);
        await queryRunner.query(`DROP INDEX "public"."accounts_email_key"`);
        await queryRunner.query(`DROP TABLE "accounts"`);
        await queryRunner.query(`DROP TABLE "directorates"`);
        await queryRunner.query(`DROP INDEX "public"."outbox_messages_pending_idx"`);
        await queryRunner.query(`DROP TABLE "outbox_messages"`);
    }

}
