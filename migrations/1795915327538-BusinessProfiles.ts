import { MigrationInterface, QueryRunner } from "typeorm";

export class BusinessProfiles1795915327538 implements MigrationInterface {
    name = 'BusinessProfiles1795915327538'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "business_history" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "business_id" uuid NOT NULL, "type" text NOT NULL, "actor_id" uuid, "membership_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_77c0cf1b1ae6e0e8f579fb991d3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "business_history_business_idx" ON "business_history"  ("business_id", "id") `);
        await queryRunner.query(`CREATE TABLE "businesses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rid" text NOT NULL, "ridet" text NOT NULL, "legal_name" text, "legal_form" text, "naf_code" text, "activity_label" text, "street" text, "postcode" text, "commune" text, "registry_status" text NOT NULL DEFAULT 'unknown', "registry_checked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc1bf63498dd2368ce3dc8686e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "businesses_ridet_key" ON "businesses"  ("ridet") `);
        await queryRunner.query(`CREATE TABLE "business_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "email" text NOT NULL, "role" text NOT NULL, "scope_directorates" text array, "scope_services" text array, "membership_expires_at" TIMESTAMP WITH TIME ZONE, "token_hash" text NOT NULL, "invited_by" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6961c1a5c94f4c01e2eb6e4b299" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "business_invitations_hash_key" ON "business_invitations"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "business_memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "business_id" uuid NOT NULL, "account_id" uuid NOT NULL, "role" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "scope_directorates" text array, "scope_services" text array, "expires_at" TIMESTAMP WITH TIME ZONE, "link_request_id" uuid, "verified_via" text, "verified_by" uuid, "verified_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_175d328b8efceccea96a421d8f5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "business_memberships_account_idx" ON "business_memberships"  ("account_id", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "business_memberships_live_key" ON "business_memberships"  ("business_id", "account_id") WHERE status IN ('pending', 'verified')`);
        await queryRunner.query(`CREATE TABLE "job_offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "business_id" uuid NOT NULL, "title" text NOT NULL, "contract_type" text NOT NULL, "commune" text NOT NULL, "description" text NOT NULL, "monthly_salary_xpf" integer, "start_date" date, "contact_email" text, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "REL_6fc9463a510dc99dfe956b79cf" UNIQUE ("request_id"), CONSTRAINT "PK_9a54d36bd6829979f945defdeb5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "job_offers_board_idx" ON "job_offers"  ("expires_at", "published_at") WHERE withdrawn_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "job_offers_request_key" ON "job_offers"  ("request_id") `);
        await queryRunner.query(`ALTER TABLE "requests" ADD "business_id" uuid`);
        await queryRunner.query(`ALTER TABLE "requests" ADD "granted_amount_xpf" bigint`);
        await queryRunner.query(`CREATE INDEX "requests_business_idx" ON "requests"  ("business_id", "created_at") `);
        await queryRunner.query(`ALTER TABLE "business_invitations" ADD CONSTRAINT "FK_be825ea9419529b47aa6cbbaee2" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "business_memberships" ADD CONSTRAINT "FK_4e40cad67e52269e5d14db61a74" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "business_memberships" ADD CONSTRAINT "FK_c183b22ce06bf98bd79a9e091ef" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "requests" ADD CONSTRAINT "FK_c551d122bd48d7c82dbf7724d80" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "job_offers" ADD CONSTRAINT "FK_6fc9463a510dc99dfe956b79cff" FOREIGN KEY ("request_id") REFERENCES "requests"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "job_offers" ADD CONSTRAINT "FK_de12125ca75d61acd1e8b349c78" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "job_offers" DROP CONSTRAINT "FK_de12125ca75d61acd1e8b349c78"`);
        await queryRunner.query(`ALTER TABLE "job_offers" DROP CONSTRAINT "FK_6fc9463a510dc99dfe956b79cff"`);
        await queryRunner.query(`ALTER TABLE "requests" DROP CONSTRAINT "FK_c551d122bd48d7c82dbf7724d80"`);
        await queryRunner.query(`ALTER TABLE "business_memberships" DROP CONSTRAINT "FK_c183b22ce06bf98bd79a9e091ef"`);
        await queryRunner.query(`ALTER TABLE "business_memberships" DROP CONSTRAINT "FK_4e40cad67e52269e5d14db61a74"`);
        await queryRunner.query(`ALTER TABLE "business_invitations" DROP CONSTRAINT "FK_be825ea9419529b47aa6cbbaee2"`);
        await queryRunner.query(`DROP INDEX "public"."requests_business_idx"`);
        await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "granted_amount_xpf"`);
        await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "business_id"`);
        await queryRunner.query(`DROP INDEX "public"."job_offers_request_key"`);
        await queryRunner.query(`DROP INDEX "public"."job_offers_board_idx"`);
        await queryRunner.query(`DROP TABLE "job_offers"`);
        await queryRunner.query(`DROP INDEX "public"."business_memberships_live_key"`);
        await queryRunner.query(`DROP INDEX "public"."business_memberships_account_idx"`);
        await queryRunner.query(`DROP TABLE "business_memberships"`);
        await queryRunner.query(`DROP INDEX "public"."business_invitations_hash_key"`);
        await queryRunner.query(`DROP TABLE "business_invitations"`);
        await queryRunner.query(`DROP INDEX "public"."businesses_ridet_key"`);
        await queryRunner.query(`DROP TABLE "businesses"`);
        await queryRunner.query(`DROP INDEX "public"."business_history_business_idx"`);
        await queryRunner.query(`DROP TABLE "business_history"`);
    }

}
