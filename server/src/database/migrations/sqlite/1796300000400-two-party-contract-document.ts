import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS: [string, string][] = [
  ['worker_cert_pem', 'text'],
  ['employer_cert_pem', 'text'],
  ['ca_chain_pem', 'text'],
  ['event_chain_head', 'varchar(64)'],
  ['timestamp_token', 'text'],
];

/** What a two-party signed contract keeps beside the file: both certificates, their issuers, the event chain head and the time-stamp token. */
export class TwoPartyContractDocument1796300000400 implements MigrationInterface {
  name = 'TwoPartyContractDocument1796300000400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [column, type] of COLUMNS) await queryRunner.query(`ALTER TABLE "contract_document" ADD COLUMN "${column}" ${type}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [column] of [...COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE "contract_document" DROP COLUMN "${column}"`);
  }
}
