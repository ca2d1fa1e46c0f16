import { MigrationInterface, QueryRunner } from 'typeorm';

/** Company seals and the authorization to seal (seals/company-seal.entity.ts). */
export class CompanySeal1796300000100 implements MigrationInterface {
  name = 'CompanySeal1796300000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "company_seal" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "company_id" integer PRIMARY KEY NOT NULL, "kind" varchar(16) NOT NULL DEFAULT ('generated'), "bottom_text" varchar(16), "png_storage_key" varchar(64), "authorized" boolean NOT NULL DEFAULT (0), "authorized_by" integer, "authorized_at" datetime, "authorized_ip" varchar(45))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "company_seal"');
  }
}
