import { MigrationInterface, QueryRunner } from 'typeorm';

/** The dashboard counts application events of some types over the last 30 days (applications/application-stats.service.ts). */
export class EventTimeIndex1796310000100 implements MigrationInterface {
  name = 'EventTimeIndex1796310000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "IDX_sign_apply_event_event_time" ON "sign_apply_event" ("event", "created_at") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_sign_apply_event_event_time"');
  }
}
