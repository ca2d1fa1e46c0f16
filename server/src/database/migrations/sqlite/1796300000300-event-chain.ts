import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillEventChain } from '../event-chain-backfill';

const COLUMNS = '"id", "apply_id", "event", "from_status", "to_status", "actor_type", "actor_id", "ip", "city", "lng", "lat", "created_at", "detail"';

/**
 * The hash chain of application events (applications/application-event-chain.ts), over the history
 * already written too. SQLite adds a NOT NULL column only with a default, which the entity has not:
 * the table is rebuilt, the existing rows getting an empty hash until the backfill computes it.
 */
export class EventChain1796300000300 implements MigrationInterface {
  name = 'EventChain1796300000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_752da38b0a40d8d73a613cac1f"`);
    await queryRunner.query(`CREATE TABLE "temporary_sign_apply_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "event" varchar(32) NOT NULL, "from_status" integer, "to_status" integer NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "city" varchar(32), "lng" double, "lat" double, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "detail" varchar(512), "hash" varchar(64) NOT NULL, "prev_hash" varchar(64))`);
    await queryRunner.query(`INSERT INTO "temporary_sign_apply_event"(${COLUMNS}, "hash") SELECT ${COLUMNS}, '' FROM "sign_apply_event"`);
    await queryRunner.query(`DROP TABLE "sign_apply_event"`);
    await queryRunner.query(`ALTER TABLE "temporary_sign_apply_event" RENAME TO "sign_apply_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_752da38b0a40d8d73a613cac1f" ON "sign_apply_event" ("apply_id") `);
    await backfillEventChain(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_752da38b0a40d8d73a613cac1f"`);
    await queryRunner.query(`ALTER TABLE "sign_apply_event" RENAME TO "temporary_sign_apply_event"`);
    await queryRunner.query(`CREATE TABLE "sign_apply_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "apply_id" integer NOT NULL, "event" varchar(32) NOT NULL, "from_status" integer, "to_status" integer NOT NULL, "actor_type" varchar(16) NOT NULL, "actor_id" integer NOT NULL, "ip" varchar(45) NOT NULL, "city" varchar(32), "lng" double, "lat" double, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "detail" varchar(512))`);
    await queryRunner.query(`INSERT INTO "sign_apply_event"(${COLUMNS}) SELECT ${COLUMNS} FROM "temporary_sign_apply_event"`);
    await queryRunner.query(`DROP TABLE "temporary_sign_apply_event"`);
    await queryRunner.query(`CREATE INDEX "IDX_752da38b0a40d8d73a613cac1f" ON "sign_apply_event" ("apply_id") `);
  }
}
