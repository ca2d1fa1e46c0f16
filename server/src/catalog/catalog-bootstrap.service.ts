import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdminUser } from '../admin/admin-user.entity';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Company } from './company.entity';
import { Platform } from './platform.entity';
import { WorkPosition } from './work-position.entity';

const PLATFORM_NAMES: Record<string, string> = { wxmp: '微信小程序', admin: '秒云达后台' };

const DEMO_COMPANIES = ['闪签云示范科技有限公司', '华东示范制造有限公司', '南方示范物流有限公司'];
const DEMO_POSITIONS = ['普工', '质检员', '仓库管理员', '叉车司机', '分拣员', '客服专员'];
const DEMO_HANDLERS: Pick<AdminUser, 'username' | 'name' | 'phone'>[] = [
  { username: 'hr_zhang', name: '张敏', phone: '13800000001' },
  { username: 'hr_li', name: '李强', phone: '13800000002' },
];

/**
 * At start-up: records the accepted platform codes, and on an empty local database (never in
 * production) adds demo companies, positions and HR handlers so the flow can be tried at once.
 */
@Injectable()
export class CatalogBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogBootstrapService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const platforms = this.db.getRepository(Platform);
    for (const code of this.config.platformCodes) {
      if (!(await platforms.existsBy({ code }))) await platforms.insert({ code, name: PLATFORM_NAMES[code] ?? code });
    }
    if (this.config.seedDemoData && (await this.db.getRepository(Company).count()) === 0) await this.seedDemoData();
  }

  private async seedDemoData(): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.insert(Company, DEMO_COMPANIES.map((companyName) => ({ companyName })));
      await manager.upsert(WorkPosition, DEMO_POSITIONS.map((name, sort) => ({ name, sort })), ['name']);
      await manager.upsert(AdminUser, DEMO_HANDLERS.map((h) => ({ ...h, role: 'hr' as const })), ['username']);
    });
    this.logger.log(`demo data added: ${DEMO_COMPANIES.length} companies, ${DEMO_POSITIONS.length} positions, ${DEMO_HANDLERS.length} HR handlers`);
  }
}
