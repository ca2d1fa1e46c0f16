import { MigrationInterface, QueryRunner } from 'typeorm';

/** Company seals and the authorization to seal (seals/company-seal.entity.ts). */
export class CompanySeal1796300000100 implements MigrationInterface {
  name = 'CompanySeal1796300000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `company_seal` (`created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `company_id` int NOT NULL, `kind` varchar(16) NOT NULL DEFAULT 'generated', `bottom_text` varchar(16) NULL, `png_storage_key` varchar(64) NULL, `authorized` tinyint NOT NULL DEFAULT 0, `authorized_by` int NULL, `authorized_at` datetime NULL, `authorized_ip` varchar(45) NULL, PRIMARY KEY (`company_id`)) ENGINE=InnoDB",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `company_seal`');
  }
}
