import { MigrationInterface, QueryRunner } from "typeorm";

// Generated. "Forgotten password" requests wait here for the worker, so the HTTP answer does the same
// work for any address; the job carries the row's id, never the address.
export class PasswordResetRequests1795950000000 implements MigrationInterface {
    name = 'PasswordResetRequests1795950000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "password_reset_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "ip" inet, "user_agent" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4aa83fc224280f3c94c3e214d65" PRIMARY KEY ("id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "password_reset_requests"`);
    }

}
