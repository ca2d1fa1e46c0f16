import { MigrationInterface, QueryRunner } from "typeorm";

export class Bridges1795477266159 implements MigrationInterface {
    name = 'Bridges1795477266159'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "bridge_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bridge" varchar(16) NOT NULL, "operation" varchar(48) NOT NULL, "ok" boolean NOT NULL, "message" varchar(512), "created_at" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_434acd4effd5ca361576f8f982" ON "bridge_event" ("created_at") `);
        await queryRunner.query(`CREATE INDEX "IDX_483c1f9495dfdb4e00aec4a4f8" ON "bridge_event" ("bridge", "ok", "id") `);
        await queryRunner.query(`CREATE TABLE "bridge_job" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bridge" varchar(16) NOT NULL, "type" varchar(48) NOT NULL, "payload" text NOT NULL, "dedupe_key" varchar(128), "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "next_run_at" datetime NOT NULL, "last_error" varchar(512))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_1b32432da0a2780c1fb5f4d2c6" ON "bridge_job" ("dedupe_key") `);
        await queryRunner.query(`CREATE INDEX "IDX_1b0304d6e1539e1a7065c454a0" ON "bridge_job" ("next_run_at") `);
        await queryRunner.query(`CREATE TABLE "feishu_link" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "talent_id" varchar(32) NOT NULL, "external_application_id" varchar(32), "last_stage" varchar(32), "synced_at" datetime)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_25c7b9692cc248ee32fe2bf8f6" ON "feishu_link" ("application_id") `);
        await queryRunner.query(`CREATE TABLE "leapin_invite" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "employee_id" integer NOT NULL, "job_id" integer NOT NULL, "leapin_application_id" integer, "interview_url" varchar(512), "status" integer, "report_status" integer, "total_score" decimal(6,2), "leapin_rank" integer, "report_url" varchar(512), "invited_at" datetime, "pulled_at" datetime)`);
        await queryRunner.query(`CREATE INDEX "IDX_cafc3e314b0014cdc5e56a39b1" ON "leapin_invite" ("application_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_d0f86f1f950735c558a75fd1e7" ON "leapin_invite" ("leapin_application_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_05cc230296466d8b903ed9258f" ON "leapin_invite" ("employee_id", "job_id") `);
        await queryRunner.query(`CREATE TABLE "moka_candidate" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "moka_application_id" varchar(32) NOT NULL, "phone" varchar(16) NOT NULL, "name" varchar(64) NOT NULL, "email" varchar(128), "gender" integer NOT NULL DEFAULT (0), "birth_date" varchar(10), "nation" varchar(12), "id_number_enc" varchar(128), "position" varchar(64), "entry_date" varchar(10), "salary" decimal(15,2), "education" text NOT NULL, "experience" text NOT NULL, "raw_stage" varchar(32) NOT NULL, "employee_id" integer)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ca9f5152b02a1a7d2d4722c9f0" ON "moka_candidate" ("moka_application_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_9a695cd93c3ff0d4968ceb1dc7" ON "moka_candidate" ("phone") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_9a695cd93c3ff0d4968ceb1dc7"`);
        await queryRunner.query(`DROP INDEX "IDX_ca9f5152b02a1a7d2d4722c9f0"`);
        await queryRunner.query(`DROP TABLE "moka_candidate"`);
        await queryRunner.query(`DROP INDEX "IDX_05cc230296466d8b903ed9258f"`);
        await queryRunner.query(`DROP INDEX "IDX_d0f86f1f950735c558a75fd1e7"`);
        await queryRunner.query(`DROP INDEX "IDX_cafc3e314b0014cdc5e56a39b1"`);
        await queryRunner.query(`DROP TABLE "leapin_invite"`);
        await queryRunner.query(`DROP INDEX "IDX_25c7b9692cc248ee32fe2bf8f6"`);
        await queryRunner.query(`DROP TABLE "feishu_link"`);
        await queryRunner.query(`DROP INDEX "IDX_1b0304d6e1539e1a7065c454a0"`);
        await queryRunner.query(`DROP INDEX "IDX_1b32432da0a2780c1fb5f4d2c6"`);
        await queryRunner.query(`DROP TABLE "bridge_job"`);
        await queryRunner.query(`DROP INDEX "IDX_483c1f9495dfdb4e00aec4a4f8"`);
        await queryRunner.query(`DROP INDEX "IDX_434acd4effd5ca361576f8f982"`);
        await queryRunner.query(`DROP TABLE "bridge_event"`);
    }

}
