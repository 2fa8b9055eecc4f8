import { MigrationInterface, QueryRunner } from "typeorm";

// What an agent asks the applicant to correct (answers, documents), kept while the file waits.

export class RequestedCorrections1796293283600 implements MigrationInterface {
    name = 'RequestedCorrections1796293283600'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "requests" ADD "corrections" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "requests" DROP COLUMN "corrections"`);
    }

}
