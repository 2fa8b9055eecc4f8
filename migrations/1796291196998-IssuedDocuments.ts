import { MigrationInterface, QueryRunner } from "typeorm";

// Letters the portal issues (receipts, decision letters) are documents of the file like uploads:
// origin marks them, one per (file, kind, event), with the seal printed on them. Emails can carry
// attachments, read from the document storage when sent.

export class IssuedDocuments1796291196998 implements MigrationInterface {
    name = 'IssuedDocuments1796291196998'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "email_messages" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "origin" text NOT NULL DEFAULT 'upload'`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "issued_kind" text`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "issued_for_event_id" bigint`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "seal" text`);
        await queryRunner.query(`ALTER TABLE "request_documents" ADD "seal_code" text`);
        await queryRunner.query(`ALTER TABLE "request_documents" ALTER COLUMN "uploaded_by" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "request_documents_issued_sha256_idx" ON "request_documents"  ("sha256") WHERE origin = 'portal'`);
        await queryRunner.query(`CREATE UNIQUE INDEX "request_documents_seal_code_key" ON "request_documents"  ("seal_code") WHERE seal_code IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "request_documents_issued_key" ON "request_documents"  ("request_id", "issued_kind", "issued_for_event_id") WHERE origin = 'portal'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."request_documents_issued_key"`);
        await queryRunner.query(`DROP INDEX "public"."request_documents_seal_code_key"`);
        await queryRunner.query(`DROP INDEX "public"."request_documents_issued_sha256_idx"`);
        // Issued letters have no uploader: they cannot stay once the column is required again.
        await queryRunner.query(`DELETE FROM "request_documents" WHERE "uploaded_by" IS NULL`);
        await queryRunner.query(`ALTER TABLE "request_documents" ALTER COLUMN "uploaded_by" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "seal_code"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "seal"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "issued_for_event_id"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "issued_kind"`);
        await queryRunner.query(`ALTER TABLE "request_documents" DROP COLUMN "origin"`);
        await queryRunner.query(`ALTER TABLE "email_messages" DROP COLUMN "attachments"`);
    }

}
