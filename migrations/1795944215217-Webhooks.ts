import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1795944215217 implements MigrationInterface {
    name = 'Webhooks1795944215217'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "description" text, "directorate_code" text, "event_types" text array NOT NULL, "secret" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "disabled_at" TIMESTAMP WITH TIME ZONE, "disabled_reason" text, CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_subscriptions_active_idx" ON "webhook_subscriptions"  ("directorate_code") WHERE disabled_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subscription_id" uuid NOT NULL, "event_id" bigint NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries"  ("subscription_id", "created_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "webhook_deliveries_subscription_event_key" ON "webhook_deliveries"  ("subscription_id", "event_id") `);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "FK_5e43ab613785b209e04afc39a6a" FOREIGN KEY ("directorate_code") REFERENCES "directorates"("code") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_5e43ab613785b209e04afc39a6a"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_event_key"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_subscriptions_active_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    }

}
