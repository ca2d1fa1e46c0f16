import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillEventChain } from '../event-chain-backfill';

/** The hash chain of application events (applications/application-event-chain.ts), over the history already written too. */
export class EventChain1796300000300 implements MigrationInterface {
  name = 'EventChain1796300000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `sign_apply_event` ADD `hash` varchar(64) NOT NULL');
    await queryRunner.query('ALTER TABLE `sign_apply_event` ADD `prev_hash` varchar(64) NULL');
    await backfillEventChain(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `sign_apply_event` DROP COLUMN `prev_hash`');
    await queryRunner.query('ALTER TABLE `sign_apply_event` DROP COLUMN `hash`');
  }
}
