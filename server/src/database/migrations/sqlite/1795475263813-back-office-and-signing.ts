import { MigrationInterface, QueryRunner } from "typeorm";

export class BackOfficeAndSigning1795475263813 implements MigrationInterface {
    name = 'BackOfficeAndSigning1795475263813'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "admin_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "admin_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3779826166c68e21087087f20b" ON "admin_session" ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_1e1e8156c364c7c434086789a5" ON "admin_session" ("admin_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_200e25258e42cde266a3bd2668" ON "admin_session" ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "admin_audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "admin_id" integer, "admin_username" varchar(32) NOT NULL, "action" varchar(48) NOT NULL, "target_type" varchar(32), "target_id" integer, "detail" varchar(2000), "ip" varchar(45) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_fae3c2a824a6f5fa62a475f3f4" ON "admin_audit_log" ("admin_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_660bcad1f33a1fc991c21404f0" ON "admin_audit_log" ("action") `);
        await queryRunner.query(`CREATE INDEX "IDX_f5c04c9384762261d79b65c6e5" ON "admin_audit_log" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_3fe25b0c313e7af4a42d6f622f" ON "admin_audit_log" ("target_type", "target_id") `);
        await queryRunner.query(`CREATE TABLE "realname_check" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "em_id" integer NOT NULL, "provider" varchar(16) NOT NULL, "with_selfie" boolean NOT NULL DEFAULT (0), "outcome" varchar(16) NOT NULL, "reason" varchar(256), "provider_ref" varchar(64), "ip" varchar(45) NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_6fb95f958dcaff2c6bde39c3a3" ON "realname_check" ("user_id") `);
        await queryRunner.query(`CREATE TABLE "contract_document" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "terms_sha256" varchar(64) NOT NULL, "template_sha256" varchar(64) NOT NULL, "filled_key" varchar(64) NOT NULL, "filled_sha256" varchar(64) NOT NULL, "signed_key" varchar(64), "signed_sha256" varchar(64), "signed_at" datetime, "signature_upload_id" integer, "cert_sha256" varchar(64), "timestamp_at" datetime, CONSTRAINT "REL_693abc00ea4a8c7a8adaf472eb" UNIQUE ("apply_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_693abc00ea4a8c7a8adaf472eb" ON "contract_document" ("apply_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5cbf3decd4074153f6e736f847" ON "contract_document" ("signed_sha256") `);
        await queryRunner.query(`DROP INDEX "IDX_4d0392574f49340bb75a102b04"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(32) NOT NULL, "name" varchar(16), "phone" varchar(16), "email" varchar(32), "role" varchar(16) NOT NULL DEFAULT ('hr'), "password_hash" varchar(255), "status" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "view_all_applications" boolean NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "temporary_admin_user"("id", "username", "name", "phone", "email", "role", "password_hash", "status", "created_at", "updated_at") SELECT "id", "username", "name", "phone", "email", "role", "password_hash", "status", "created_at", "updated_at" FROM "admin_user"`);
        await queryRunner.query(`DROP TABLE "admin_user"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_user" RENAME TO "admin_user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4d0392574f49340bb75a102b04" ON "admin_user" ("username") `);
        await queryRunner.query(`DROP INDEX "IDX_752da38b0a40d8d73a613cac1f"`);
        await queryRunner.query(`CREATE TABLE "temporary_sign_apply_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "event" varchar(32) NOT NULL, "from_status" integer, "to_status" integer NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "city" varchar(32), "lng" double, "lat" double, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "detail" varchar(512))`);
        await queryRunner.query(`INSERT INTO "temporary_sign_apply_event"("id", "apply_id", "event", "from_status", "to_status", "actor_type", "actor_id", "ip", "city", "lng", "lat", "created_at") SELECT "id", "apply_id", "event", "from_status", "to_status", "actor_type", "actor_id", "ip", "city", "lng", "lat", "created_at" FROM "sign_apply_event"`);
        await queryRunner.query(`DROP TABLE "sign_apply_event"`);
        await queryRunner.query(`ALTER TABLE "temporary_sign_apply_event" RENAME TO "sign_apply_event"`);
        await queryRunner.query(`CREATE INDEX "IDX_752da38b0a40d8d73a613cac1f" ON "sign_apply_event" ("apply_id") `);
        await queryRunner.query(`DROP INDEX "IDX_3779826166c68e21087087f20b"`);
        await queryRunner.query(`DROP INDEX "IDX_1e1e8156c364c7c434086789a5"`);
        await queryRunner.query(`DROP INDEX "IDX_200e25258e42cde266a3bd2668"`);
        await queryRunner.query(`CREATE TABLE "temporary_admin_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "admin_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_1e1e8156c364c7c434086789a5e" FOREIGN KEY ("admin_id") REFERENCES "admin_user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_admin_session"("id", "token_hash", "admin_id", "ip", "expires_at", "created_at") SELECT "id", "token_hash", "admin_id", "ip", "expires_at", "created_at" FROM "admin_session"`);
        await queryRunner.query(`DROP TABLE "admin_session"`);
        await queryRunner.query(`ALTER TABLE "temporary_admin_session" RENAME TO "admin_session"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3779826166c68e21087087f20b" ON "admin_session" ("token_hash") `);
        await queryRunner.query(`CREATE INDEX "IDX_1e1e8156c364c7c434086789a5" ON "admin_session" ("admin_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_200e25258e42cde266a3bd2668" ON "admin_session" ("expires_at") `);
        await queryRunner.query(`DROP INDEX "IDX_693abc00ea4a8c7a8adaf472eb"`);
        await queryRunner.query(`DROP INDEX "IDX_5cbf3decd4074153f6e736f847"`);
        await queryRunner.query(`CREATE TABLE "temporary_contract_document" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "terms_sha256" varchar(64) NOT NULL, "template_sha256" varchar(64) NOT NULL, "filled_key" varchar(64) NOT NULL, "filled_sha256" varchar(64) NOT NULL, "signed_key" varchar(64), "signed_sha256" varchar(64), "signed_at" datetime, "signature_upload_id" integer, "cert_sha256" varchar(64), "timestamp_at" datetime, CONSTRAINT "REL_693abc00ea4a8c7a8adaf472eb" UNIQUE ("apply_id"), CONSTRAINT "FK_693abc00ea4a8c7a8adaf472ebc" FOREIGN KEY ("apply_id") REFERENCES "sign_apply" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_contract_document"("created_at", "updated_at", "id", "apply_id", "terms_sha256", "template_sha256", "filled_key", "filled_sha256", "signed_key", "signed_sha256", "signed_at", "signature_upload_id", "cert_sha256", "timestamp_at") SELECT "created_at", "updated_at", "id", "apply_id", "terms_sha256", "template_sha256", "filled_key", "filled_sha256", "signed_key", "signed_sha256", "signed_at", "signature_upload_id", "cert_sha256", "timestamp_at" FROM "contract_document"`);
        await queryRunner.query(`DROP TABLE "contract_document"`);
        await queryRunner.query(`ALTER TABLE "temporary_contract_document" RENAME TO "contract_document"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_693abc00ea4a8c7a8adaf472eb" ON "contract_document" ("apply_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5cbf3decd4074153f6e736f847" ON "contract_document" ("signed_sha256") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_5cbf3decd4074153f6e736f847"`);
        await queryRunner.query(`DROP INDEX "IDX_693abc00ea4a8c7a8adaf472eb"`);
        await queryRunner.query(`ALTER TABLE "contract_document" RENAME TO "temporary_contract_document"`);
        await queryRunner.query(`CREATE TABLE "contract_document" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "terms_sha256" varchar(64) NOT NULL, "template_sha256" varchar(64) NOT NULL, "filled_key" varchar(64) NOT NULL, "filled_sha256" varchar(64) NOT NULL, "signed_key" varchar(64), "signed_sha256" varchar(64), "signed_at" datetime, "signature_upload_id" integer, "cert_sha256" varchar(64), "timestamp_at" datetime, CONSTRAINT "REL_693abc00ea4a8c7a8adaf472eb" UNIQUE ("apply_id"))`);
        await queryRunner.query(`INSERT INTO "contract_document"("created_at", "updated_at", "id", "apply_id", "terms_sha256", "template_sha256", "filled_key", "filled_sha256", "signed_key", "signed_sha256", "signed_at", "signature_upload_id", "cert_sha256", "timestamp_at") SELECT "created_at", "updated_at", "id", "apply_id", "terms_sha256", "template_sha256", "filled_key", "filled_sha256", "signed_key", "signed_sha256", "signed_at", "signature_upload_id", "cert_sha256", "timestamp_at" FROM "temporary_contract_document"`);
        await queryRunner.query(`DROP TABLE "temporary_contract_document"`);
        await queryRunner.query(`CREATE INDEX "IDX_5cbf3decd4074153f6e736f847" ON "contract_document" ("signed_sha256") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_693abc00ea4a8c7a8adaf472eb" ON "contract_document" ("apply_id") `);
        await queryRunner.query(`DROP INDEX "IDX_200e25258e42cde266a3bd2668"`);
        await queryRunner.query(`DROP INDEX "IDX_1e1e8156c364c7c434086789a5"`);
        await queryRunner.query(`DROP INDEX "IDX_3779826166c68e21087087f20b"`);
        await queryRunner.query(`ALTER TABLE "admin_session" RENAME TO "temporary_admin_session"`);
        await queryRunner.query(`CREATE TABLE "admin_session" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "admin_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "expires_at" datetime NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "admin_session"("id", "token_hash", "admin_id", "ip", "expires_at", "created_at") SELECT "id", "token_hash", "admin_id", "ip", "expires_at", "created_at" FROM "temporary_admin_session"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_session"`);
        await queryRunner.query(`CREATE INDEX "IDX_200e25258e42cde266a3bd2668" ON "admin_session" ("expires_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_1e1e8156c364c7c434086789a5" ON "admin_session" ("admin_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_3779826166c68e21087087f20b" ON "admin_session" ("token_hash") `);
        await queryRunner.query(`DROP INDEX "IDX_752da38b0a40d8d73a613cac1f"`);
        await queryRunner.query(`ALTER TABLE "sign_apply_event" RENAME TO "temporary_sign_apply_event"`);
        await queryRunner.query(`CREATE TABLE "sign_apply_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "event" varchar(32) NOT NULL, "from_status" integer, "to_status" integer NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "city" varchar(32), "lng" double, "lat" double, "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "sign_apply_event"("id", "apply_id", "event", "from_status", "to_status", "actor_type", "actor_id", "ip", "city", "lng", "lat", "created_at") SELECT "id", "apply_id", "event", "from_status", "to_status", "actor_type", "actor_id", "ip", "city", "lng", "lat", "created_at" FROM "temporary_sign_apply_event"`);
        await queryRunner.query(`DROP TABLE "temporary_sign_apply_event"`);
        await queryRunner.query(`CREATE INDEX "IDX_752da38b0a40d8d73a613cac1f" ON "sign_apply_event" ("apply_id") `);
        await queryRunner.query(`DROP INDEX "IDX_4d0392574f49340bb75a102b04"`);
        await queryRunner.query(`ALTER TABLE "admin_user" RENAME TO "temporary_admin_user"`);
        await queryRunner.query(`CREATE TABLE "admin_user" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "username" varchar(32) NOT NULL, "name" varchar(16), "phone" varchar(16), "email" varchar(32), "role" varchar(16) NOT NULL DEFAULT ('hr'), "password_hash" varchar(255), "status" integer NOT NULL DEFAULT (1), "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "admin_user"("id", "username", "name", "phone", "email", "role", "password_hash", "status", "created_at", "updated_at") SELECT "id", "username", "name", "phone", "email", "role", "password_hash", "status", "created_at", "updated_at" FROM "temporary_admin_user"`);
        await queryRunner.query(`DROP TABLE "temporary_admin_user"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_4d0392574f49340bb75a102b04" ON "admin_user" ("username") `);
        await queryRunner.query(`DROP INDEX "IDX_5cbf3decd4074153f6e736f847"`);
        await queryRunner.query(`DROP INDEX "IDX_693abc00ea4a8c7a8adaf472eb"`);
        await queryRunner.query(`DROP TABLE "contract_document"`);
        await queryRunner.query(`DROP INDEX "IDX_6fb95f958dcaff2c6bde39c3a3"`);
        await queryRunner.query(`DROP TABLE "realname_check"`);
        await queryRunner.query(`DROP INDEX "IDX_3fe25b0c313e7af4a42d6f622f"`);
        await queryRunner.query(`DROP INDEX "IDX_f5c04c9384762261d79b65c6e5"`);
        await queryRunner.query(`DROP INDEX "IDX_660bcad1f33a1fc991c21404f0"`);
        await queryRunner.query(`DROP INDEX "IDX_fae3c2a824a6f5fa62a475f3f4"`);
        await queryRunner.query(`DROP TABLE "admin_audit_log"`);
        await queryRunner.query(`DROP INDEX "IDX_200e25258e42cde266a3bd2668"`);
        await queryRunner.query(`DROP INDEX "IDX_1e1e8156c364c7c434086789a5"`);
        await queryRunner.query(`DROP INDEX "IDX_3779826166c68e21087087f20b"`);
        await queryRunner.query(`DROP TABLE "admin_session"`);
    }

}
