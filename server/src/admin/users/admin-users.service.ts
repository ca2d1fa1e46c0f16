import { Injectable } from '@nestjs/common';
import { type AdminUserRow, EnabledFlag, ErrorCode, type Page } from '@shanqian/shared';
import { AppException } from '../../common/app.exception';
import { passwordProblem } from '../../config/load-app-config';
import { AdminPrincipal } from '../admin-route.decorator';
import { AdminUser, normalizeUsername } from '../admin-user.entity';
import { AdminUserRepository } from '../admin-user.repository';
import { hashPassword } from '../password-hasher';
import { ListSpec } from '../records/admin-records.repository';
import { AdminRecordsService, RecordKind, WriteOptions } from '../records/admin-records.service';
import { AdminUserListQueryDto, CreateAdminUserDto, UpdateAdminUserDto } from './admin-user.dto';

const ADMIN_USERS: RecordKind<AdminUser> = {
  entity: AdminUser,
  type: 'admin_user',
  label: '管理员',
  unique: [{ fields: ['username'], message: (row) => `用户名 ${row.username} 已存在` }],
  secret: { passwordHash: 'password' },
};

const toRow = (row: AdminUser): AdminUserRow => ({
  id: row.id,
  username: row.username,
  name: row.name,
  phone: row.phone,
  email: row.email,
  role: row.role,
  status: row.status,
  view_all_applications: !!row.viewAllApplications,
  created_at: row.createdAt.toISOString(),
});

const isActiveSuper = (row: AdminUser) => row.role === 'super' && row.status === EnabledFlag.Enabled;

/** Back-office accounts, managed by super admins only. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly records: AdminRecordsService,
    private readonly adminUsers: AdminUserRepository,
  ) {}

  async list(query: AdminUserListQueryDto): Promise<Page<AdminUserRow>> {
    const spec: ListSpec = { keywordColumns: ['r.username', 'r.name', 'r.phone'], statusColumn: 'r.status', equals: { 'r.role': query.role }, order: [['r.id', 'ASC']] };
    return this.records.list(ADMIN_USERS, query, spec, toRow);
  }

  /** `ADMIN` beside `admin` is a duplicate: the name is stored in lower case (normalizeUsername). */
  async create(body: CreateAdminUserDto, admin: AdminPrincipal, ip: string): Promise<AdminUserRow> {
    const values: Partial<AdminUser> = { username: normalizeUsername(body.username), ...this.fields(body), passwordHash: await this.passwordHash(body.password), status: EnabledFlag.Enabled };
    return toRow(await this.records.create(ADMIN_USERS, values, admin, ip));
  }

  async update(id: number, body: UpdateAdminUserDto, admin: AdminPrincipal, ip: string): Promise<AdminUserRow> {
    const values: Partial<AdminUser> = { ...this.fields(body), passwordHash: body.password ? await this.passwordHash(body.password) : undefined };
    return toRow(await this.records.update(ADMIN_USERS, id, values, admin, ip, this.guards(admin)));
  }

  /** Only the password, so that nothing else another super admin changed meanwhile is written back. */
  async resetPassword(id: number, password: string, admin: AdminPrincipal, ip: string): Promise<AdminUserRow> {
    const passwordHash = await this.passwordHash(password);
    return toRow(await this.records.update(ADMIN_USERS, id, { passwordHash }, admin, ip, { ...this.guards(admin), action: 'admin_user.reset_password' }));
  }

  async setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<AdminUserRow> {
    return toRow(await this.records.setEnabled(ADMIN_USERS, id, enabled, admin, ip, this.guards(admin)));
  }

  private fields(body: UpdateAdminUserDto): Partial<AdminUser> {
    return { name: body.name, phone: body.phone ?? null, email: body.email ?? null, role: body.role, viewAllApplications: body.view_all_applications ?? false };
  }

  private async passwordHash(password: string): Promise<string> {
    const weak = passwordProblem(password);
    if (weak) throw AppException.invalid('password', weak);
    return hashPassword(password);
  }

  /**
   * Someone must always be able to manage the back office: a super admin cannot disable or demote
   * themselves, and the last enabled super admin cannot be disabled or demoted by anyone.
   * A disabled admin, or one whose password was reset, is signed out at once.
   */
  private guards(actor: AdminPrincipal): WriteOptions<AdminUser> {
    return {
      prepare: (manager) => this.adminUsers.lockSuperAdmins(manager),
      check: async (manager, after, before) => {
        if (!before || !isActiveSuper(before) || isActiveSuper(after)) return;
        const disabling = after.status !== EnabledFlag.Enabled;
        if (after.id === actor.adminId) throw new AppException(ErrorCode.AdminLockout, disabling ? '不能停用自己的账号' : '不能取消自己的超级管理员角色');
        if (!(await this.adminUsers.countOtherActiveSuperAdmins(after.id, manager))) {
          throw new AppException(ErrorCode.AdminLockout, `不能${disabling ? '停用' : '取消其超级管理员角色'}：这是最后一个已启用的超级管理员`);
        }
      },
      after: async (manager, after, before) => {
        if (after.status !== EnabledFlag.Enabled || after.passwordHash !== before?.passwordHash) await this.adminUsers.endSessions(after.id, null, manager);
      },
    };
  }
}
