import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a two-party signed contract keeps beside the file: both certificates, their issuers, the event chain head and the time-stamp token. */
export class TwoPartyContractDocument1796300000400 implements MigrationInterface {
  name = 'TwoPartyContractDocument1796300000400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `contract_document` ADD `worker_cert_pem` text NULL, ADD `employer_cert_pem` text NULL, ADD `ca_chain_pem` text NULL, ' +
        'ADD `event_chain_head` varchar(64) NULL, ADD `timestamp_token` text NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `contract_document` DROP COLUMN `timestamp_token`, DROP COLUMN `event_chain_head`, DROP COLUMN `ca_chain_pem`, ' +
        'DROP COLUMN `employer_cert_pem`, DROP COLUMN `worker_cert_pem`',
    );
  }
}
