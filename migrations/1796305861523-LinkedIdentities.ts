import { MigrationInterface, QueryRunner } from "typeorm";

// Generated. Identities at OpenID Connect providers that sign in to an account, keyed by (provider,
// subject); one per provider and account.

export class LinkedIdentities1796305861523 implements MigrationInterface {
    name = 'LinkedIdentities1796305861523'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "linked_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "provider" text NOT NULL, "subject" text NOT NULL, "email" text, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f4bd06631a779a1ecff13f20a6d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "linked_identities_account_provider_key" ON "linked_identities"  ("account_id", "provider") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "linked_identities_provider_subject_key" ON "linked_identities"  ("provider", "subject") `);
        await queryRunner.query(`ALTER TABLE "linked_identities" ADD CONSTRAINT "FK_92faab8f6fd5653cbd311d425d5" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "linked_identities" DROP CONSTRAINT "FK_92faab8f6fd5653cbd311d425d5"`);
        await queryRunner.query(`DROP INDEX "public"."linked_identities_provider_subject_key"`);
        await queryRunner.query(`DROP INDEX "public"."linked_identities_account_provider_key"`);
        await queryRunner.query(`DROP TABLE "linked_identities"`);
    }

}
