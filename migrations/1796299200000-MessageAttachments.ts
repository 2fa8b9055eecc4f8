import { MigrationInterface, QueryRunner } from "typeorm";

// Documents attached to messages (either side): still documents of the file, naming their message.

export class MessageAttachments1796299200000 implements MigrationInterface {
    name = 'MessageAttachments1796299200000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "message_id" uuid`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD CONSTRAINT "request_documents_message_fk" FOREIGN KEY ("message_id") REFERENCES "request_messages"("id") ON DELETE SET NULL`);
        await queryRunner.query(`CREATE INDEX "request_documents_message_idx" ON "request_documents" ("message_id") WHERE message_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "request_documents_message_idx"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP CONSTRAINT "request_documents_message_fk"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "message_id"`);
    }

}
