import { MigrationInterface, QueryRunner } from "typeorm";

export class CompanyCertificate1796300000200 implements MigrationInterface {
    name = 'CompanyCertificate1796300000200'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "company_certificate" ("created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "company_id" integer NOT NULL, "contract_body" varchar(32), "active_for" varchar(32), "source" varchar(16) NOT NULL, "serial" varchar(64) NOT NULL, "fingerprint_sha256" varchar(64) NOT NULL, "certificate_pem" text NOT NULL, "chain_pem" text, "private_key_enc" text NOT NULL, "not_before" datetime NOT NULL, "not_after" datetime NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_4a9ceb6a94a883018112248562" ON "company_certificate" ("fingerprint_sha256") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_992bc836cdf5f88f528ed3ae3a" ON "company_certificate" ("company_id", "active_for") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "IDX_992bc836cdf5f88f528ed3ae3a"`);
        await queryRunner.query(`DROP INDEX "IDX_4a9ceb6a94a883018112248562"`);
        await queryRunner.query(`DROP TABLE "company_certificate"`);
    }

}
