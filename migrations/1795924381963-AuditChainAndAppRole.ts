import { MigrationInterface, QueryRunner } from "typeorm";

// Written by hand. Two things:
// 1. The audit log becomes a hash chain: each row carries the previous row's hash and its own,
//    sha256(prev_hash || canonical row), computed by PostgreSQL on insert — whoever writes, even raw SQL.
//    Appends are serialised by a transaction-level advisory lock (720002; the sweeper holds 720001),
//    taken by a statement-level trigger BEFORE the row's id is drawn, so id order is chain order.
//    libs/audit/src/audit-chain.ts holds the same canonical form for `npm run audit:verify`.
// 2. The role the application runs as, portal_app: every right it needs on every table, but only
//    SELECT and INSERT on audit_log, and nothing on the migrations table but SELECT. Roles belong to
//    the server, not to one database: created if missing, never dropped.
export class AuditChainAndAppRole1795924381963 implements MigrationInterface {
    name = 'AuditChainAndAppRole1795924381963'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "prev_hash" text`);
        await queryRunner.query(`ALTER TABLE "audit_log" ADD "hash" text`);
        await queryRunner.query(`CREATE FUNCTION audit_log_entry_hash(prev_hash text, e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT encode(sha256(convert_to(prev_hash || jsonb_build_array(
                e.id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.action,
                e.target_type, e.target_id, e.ip::text, e.user_agent, e.details)::text, 'UTF8')), 'hex')
        $$`);
        // Rows written before this migration are chained once, in id order.
        await queryRunner.query(`ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_append_only`);
        await queryRunner.query(`DO $$
            DECLARE e audit_log; previous text := repeat('0', 64);
            BEGIN
                FOR e IN SELECT * FROM audit_log ORDER BY id LOOP
                    UPDATE audit_log SET prev_hash = previous, hash = audit_log_entry_hash(previous, e) WHERE id = e.id
                        RETURNING hash INTO previous;
                END LOOP;
            END $$`);
        await queryRunner.query(`ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_append_only`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "audit_log" ALTER COLUMN "hash" SET NOT NULL`);
        await queryRunner.query(`CREATE FUNCTION audit_log_chain_lock() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_advisory_xact_lock(720002); RETURN NULL; END $$`);
        await queryRunner.query(`CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_advisory_xact_lock(720002);
                NEW.prev_hash := coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), repeat('0', 64));
                NEW.hash := audit_log_entry_hash(NEW.prev_hash, NEW);
                RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER audit_log_chain_lock BEFORE INSERT ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION audit_log_chain_lock()`);
        await queryRunner.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);

        await queryRunner.query(`DO $$ BEGIN CREATE ROLE portal_app NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- made by another database of the server
            END $$`);
        await queryRunner.query(`GRANT USAGE ON SCHEMA public TO portal_app`);
        await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO portal_app`);
        await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO portal_app`);
        await queryRunner.query(`REVOKE UPDATE, DELETE ON "audit_log" FROM portal_app`);
        await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON "typeorm_migrations" FROM portal_app`);
        // Tables and sequences later migrations create (as this same owner) get the same rights.
        await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO portal_app`);
        await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO portal_app`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM portal_app`);
        await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM portal_app`);
        await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM portal_app`);
        await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM portal_app`);
        await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM portal_app`);
        await queryRunner.query(`DROP TRIGGER audit_log_chain ON "audit_log"`);
        await queryRunner.query(`DROP TRIGGER audit_log_chain_lock ON "audit_log"`);
        await queryRunner.query(`DROP FUNCTION audit_log_chain()`);
        await queryRunner.query(`DROP FUNCTION audit_log_chain_lock()`);
        await queryRunner.query(`DROP FUNCTION audit_log_entry_hash(text, audit_log)`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "hash"`);
        await queryRunner.query(`ALTER TABLE "audit_log" DROP COLUMN "prev_hash"`);
    }

}
