import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SignApplication } from '../../applications/sign-application.entity';
import { isUniqueViolation } from '../../database/query-errors';
import { FeishuLink } from './feishu-link.entity';

/** A link whose application's status moved since its last mirror. */
export interface MovedLink {
  id: number;
  applicationId: number;
  talentId: string;
  status: number;
  version: number;
}

/** Every query of `feishu_link`: which Feishu talent each application is mirrored to, and how far. */
@Injectable()
export class FeishuLinkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByApplication(applicationId: number): Promise<FeishuLink | null> {
    return this.db.getRepository(FeishuLink).findOneBy({ applicationId });
  }

  findById(id: number): Promise<FeishuLink | null> {
    return this.db.getRepository(FeishuLink).findOneBy({ id });
  }

  /** A new link; when someone linked the application at the same moment, theirs stands and is answered. */
  async create(applicationId: number, talentId: string): Promise<FeishuLink> {
    const links = this.db.getRepository(FeishuLink);
    return links.save(links.create({ applicationId, talentId, externalApplicationId: null, lastStage: null, syncedAt: null })).catch(async (error) => {
      if (!isUniqueViolation(error)) throw error;
      return links.findOneByOrFail({ applicationId });
    });
  }

  /** Changes the link only while it still points at `talentId` (a relink to another talent wins over a late job). */
  async update(id: number, talentId: string, changes: Partial<FeishuLink>): Promise<void> {
    await this.db.getRepository(FeishuLink).update({ id, talentId }, changes);
  }

  async relink(id: number, talentId: string): Promise<void> {
    await this.db.getRepository(FeishuLink).update({ id }, { talentId, externalApplicationId: null, lastStage: null, syncedAt: null });
  }

  /** Links whose application's status is not the stage last handed over (`stages` maps status → stage). */
  async moved(stages: Record<number, string>, limit: number): Promise<MovedLink[]> {
    const entries = Object.entries(stages);
    const stageOfStatus = `CASE a.status ${entries.map((_, i) => `WHEN :status${i} THEN :stage${i}`).join(' ')} END`;
    const parameters = Object.fromEntries(entries.flatMap(([status, stage], i) => [[`status${i}`, Number(status)], [`stage${i}`, stage]]));
    const rows: MovedLink[] = await this.db
      .getRepository(FeishuLink)
      .createQueryBuilder('l')
      .innerJoin(SignApplication, 'a', 'a.id = l.application_id')
      .select(['l.id AS id', 'l.application_id AS applicationId', 'l.talent_id AS talentId', 'a.status AS status', 'a.version AS version'])
      .where(`l.last_stage IS NULL OR l.last_stage <> ${stageOfStatus}`, parameters)
      .orderBy('l.id')
      .limit(limit)
      .getRawMany();
    return rows.map((row) => ({ id: Number(row.id), applicationId: Number(row.applicationId), talentId: row.talentId, status: Number(row.status), version: Number(row.version) }));
  }
}
