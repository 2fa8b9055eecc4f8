import { MigrationInterface, QueryRunner } from "typeorm";

// Generated. TOTP second factors (secret encrypted by the application), their single-use recovery
// codes (peppered hashes), and on each session whether it passed the second factor. Sessions open
// before this migration count as password-only: staff sign in again to reach staff routes.
export class SecondFactor1795960000000 implements MigrationInterface {
    name = 'SecondFactor1795960000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "account_mfa" ("account_id" uuid NOT NULL, "secret_encrypted" text NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_24e93c8e072cee05a1d4c2efaeb" PRIMARY KEY ("account_id"))`);
        await queryRunner.query(`CREATE TABLE "mfa_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "code_hash" text NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0076416b1b84361afc3371ba121" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "mfa_recovery_codes_account_hash_key" ON "mfa_recovery_codes" ("account_id", "code_hash") `);
        await queryRunner.query(`ALTER TABLE "sessions" ADD "mfa_verified_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "account_mfa" ADD CONSTRAINT "FK_24e93c8e072cee05a1d4c2efaeb" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "FK_167d01db7178a35cab6d2fb0842" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "FK_167d01db7178a35cab6d2fb0842"`);
        await queryRunner.query(`ALTER TABLE "account_mfa" DROP CONSTRAINT "FK_24e93c8e072cee05a1d4c2efaeb"`);
        await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "mfa_verified_at"`);
        await queryRunner.query(`DROP INDEX "public"."mfa_recovery_codes_account_hash_key"`);
        await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
        await queryRunner.query(`DROP TABLE "account_mfa"`);
    }

}
