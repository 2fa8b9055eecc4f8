import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: the sweeper looks up the last intake job of each file late for intake, to leave
// alone those whose job is still in the queue (a backlog, not a loss). Declared on the entity with
// synchronize: false (an expression index).
export class IntakeJobsIndex1795931100000 implements MigrationInterface {
    name = 'IntakeJobsIndex1795931100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "outbox_messages_intake_idx" ON "outbox_messages" ((payload->>'requestId'), "created_at") WHERE job_name = 'request.intake'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_messages_intake_idx"`);
    }
}
