import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: the correlation id of the HTTP request (or job) whose transaction wrote an outbox
// row, so the jobs it causes log under the same id. The application sets it per transaction
// (set_config('portal.correlation_id', …, true)); the default reads it, so rows written by triggers
// (the webhook fan-out) carry it too. NULL for rows written with no request or job behind them.
export class OutboxCorrelation1795950000000 implements MigrationInterface {
    name = 'OutboxCorrelation1795950000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION portal_correlation_id() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('portal.correlation_id', true), '') $$`);
        await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "correlation_id" text DEFAULT portal_correlation_id()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "correlation_id"`);
        await queryRunner.query(`DROP FUNCTION portal_correlation_id()`);
    }
}
