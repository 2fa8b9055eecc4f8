import { MigrationInterface, QueryRunner } from "typeorm";

// Generated, then the fan-out trigger added by hand: every applicant-visible event of a submitted
// file gets one webhook delivery per live subscription that wants it, with its outbox job, in the
// event's own transaction — whatever inserts the event (API, worker, SQL), at no cost to the Node
// processes (one statement-level trigger over the inserted rows; with no subscription it joins
// nothing). The queue and job names are those of JOB_QUEUES['webhook.deliver'] (libs/queue).
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
        await queryRunner.query(`CREATE FUNCTION request_events_webhook_fanout() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                queued int;
            BEGIN
                WITH deliveries AS (
                    INSERT INTO webhook_deliveries (subscription_id, event_id)
                    SELECT s.id, e.id
                      FROM new_events e
                      JOIN requests r ON r.id = e.request_id
                      JOIN webhook_subscriptions s ON s.disabled_at IS NULL
                           AND (s.directorate_code IS NULL OR s.directorate_code = r.directorate_code)
                           AND e.type = ANY (s.event_types)
                     WHERE e.visibility = 'applicant' AND r.status <> 'draft'
                     ORDER BY e.id
                    ON CONFLICT DO NOTHING
                    RETURNING id
                ), jobs AS (
                    INSERT INTO outbox_messages (queue, job_name, payload)
                    SELECT 'webhooks', 'webhook.deliver', jsonb_build_object('deliveryId', id) FROM deliveries
                    RETURNING id
                )
                SELECT count(pg_notify('portal_outbox', id::text)) INTO queued FROM jobs;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER request_events_webhook_fanout AFTER INSERT ON "request_events"
            REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION request_events_webhook_fanout()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER request_events_webhook_fanout ON "request_events"`);
        await queryRunner.query(`DROP FUNCTION request_events_webhook_fanout()`);
        await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`);
        await queryRunner.query(`ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_5e43ab613785b209e04afc39a6a"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_event_key"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_subscriptions_active_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
    }

}
