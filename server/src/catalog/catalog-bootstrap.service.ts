import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AdminUser } from '../admin/admin-user.entity';
import { AdminUserRepository } from '../admin/admin-user.repository';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { CatalogRepository } from './catalog.repository';

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
    private readonly catalog: CatalogRepository,
    private readonly adminUsers: AdminUserRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const code of this.config.platformCodes) await this.catalog.addPlatformIfMissing(code, PLATFORM_NAMES[code] ?? code);
    if (this.config.seedDemoData && !(await this.catalog.hasCompanies())) await this.seedDemoData();
  }

  private async seedDemoData(): Promise<void> {
    await this.transactions.run(async (manager) => {
      await this.catalog.addDemoEntries(DEMO_COMPANIES, DEMO_POSITIONS, manager);
      await this.adminUsers.upsertHandlers(DEMO_HANDLERS, manager);
    });
    this.logger.log(`demo data added: ${DEMO_COMPANIES.length} companies, ${DEMO_POSITIONS.length} positions, ${DEMO_HANDLERS.length} HR handlers`);
  }
}
