import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand: addresses are now looked up in NFC (libs/common/src/email.ts). An account stored
// under another form (é as e + U+0301) is rewritten to NFC so its owner can still sign in — unless an
// account already holds the NFC form (two look-alike accounts: left for a person to merge).
export class NfcAccountEmails1795950100000 implements MigrationInterface {
    name = 'NfcAccountEmails1795950100000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            UPDATE "accounts" a SET "email" = normalize(a."email", NFC)
            WHERE a."email" IS NOT NFC NORMALIZED
              AND NOT EXISTS (SELECT 1 FROM "accounts" b WHERE b."email" = normalize(a."email", NFC))`);
    }

    public async down(): Promise<void> {
        // Nothing to undo: the NFC form is the same address.
    }

}
