import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, FeishuExternalApplications, FeishuLinkView } from '@shanqian/shared';
import { AdminPrincipal } from '../../admin/admin-route.decorator';
import { AuditLogService } from '../../admin/audit-log.service';
import { scopeFor } from '../../applications/application-access';
import { ApplicationsService } from '../../applications/applications.service';
import { AppException } from '../../common/app.exception';
import { BridgeStatusService } from '../common/bridge-status.service';
import { PartnerError } from '../common/partner-client';
import { ExternalApplication, FEISHU_CLIENT, FeishuHireClient } from './feishu-hire.client';
import { FeishuLink } from './feishu-link.entity';
import { FeishuLinkRepository } from './feishu-link.repository';
import { FeishuMirrorService } from './feishu-mirror.service';
import { FeishuLinkDto } from './feishu.dto';

/** 参数错误 and 人才不存在 of the Hire API (seed 004): the admin's request was wrong, not the bridge. */
const PARAM_ERROR = 1002002;
const TALENT_NOT_FOUND = 1002102;

/** The back office's side of the Feishu Hire bridge: looking up a talent's external applications, linking applications to talents. */
@Injectable()
export class FeishuService {
  constructor(
    private readonly links: FeishuLinkRepository,
    private readonly applications: ApplicationsService,
    @Inject(FEISHU_CLIENT) private readonly feishu: FeishuHireClient | null,
    private readonly bridges: BridgeStatusService,
    private readonly mirror: FeishuMirrorService,
    private readonly audit: AuditLogService,
  ) {}

  async externalApplications(talentId: string): Promise<FeishuExternalApplications> {
    const items = await this.listed(talentId);
    return { talent_id: talentId, count: items.length, items };
  }

  /**
   * Links an application to a talent (who must exist in Feishu Hire: a typo is answered now rather
   * than failing a job later) and queues the first mirror. Linking again to the same talent changes
   * nothing and queues nothing new, unless the last mirror failed: then it is tried again. Linking to
   * another talent starts a new external application there (the old one stays in Feishu).
   */
  async link(admin: AdminPrincipal, dto: FeishuLinkDto, ip: string): Promise<FeishuLinkView> {
    this.bridges.assertConfigured('feishu');
    const application = await this.applications.visible(scopeFor(admin), dto.application_id);
    await this.listed(dto.talent_id);

    const existing = await this.links.findByApplication(application.id);
    const previousTalentId = existing?.talentId ?? null;
    // Linked by someone else at the same moment: theirs stands, and is handled like an earlier link.
    const link = existing ?? (await this.links.create(application.id, dto.talent_id));
    if (link.talentId !== dto.talent_id) await this.links.relink(link.id, dto.talent_id);
    if (previousTalentId !== dto.talent_id) {
      await this.audit.record(admin, ip, {
        action: 'feishu.link', targetType: 'sign_apply', targetId: application.id,
        detail: { talent_id: dto.talent_id, ...(previousTalentId ? { previous_talent_id: previousTalentId } : {}) },
      });
    }
    await this.mirror.queueMirror({ id: link.id, applicationId: application.id, talentId: dto.talent_id }, application);
    return this.view((await this.links.findById(link.id))!);
  }

  /** The link of an application, for an admin who may see that application. */
  async linkOf(admin: AdminPrincipal, applicationId: number): Promise<FeishuLinkView> {
    this.bridges.assertConfigured('feishu');
    await this.applications.visible(scopeFor(admin), applicationId);
    const link = await this.links.findByApplication(applicationId);
    if (!link) throw new AppException(ErrorCode.RecordNotFound, '该签约申请未关联飞书人才');
    return this.view(link);
  }

  /** The talent's external applications; Feishu's answers that the request was wrong become ours (404, 400). */
  private async listed(talentId: string): Promise<ExternalApplication[]> {
    this.bridges.assertConfigured('feishu');
    try {
      const items = await this.feishu!.listExternalApplications(talentId);
      await this.bridges.recordSuccess('feishu', 'list_external_applications');
      return items;
    } catch (error) {
      if (error instanceof PartnerError && error.code === TALENT_NOT_FOUND) {
        throw new AppException(ErrorCode.RecordNotFound, `飞书招聘中没有这个人才（talent_id ${talentId}）`);
      }
      if (error instanceof PartnerError && error.code === PARAM_ERROR) {
        throw new AppException(ErrorCode.ValidationFailed, `飞书招聘认为请求参数有误：${error.message}`);
      }
      await this.bridges.recordError('feishu', 'list_external_applications', error);
      throw error;
    }
  }

  private view(link: FeishuLink): FeishuLinkView {
    return {
      application_id: link.applicationId,
      talent_id: link.talentId,
      external_application_id: link.externalApplicationId,
      last_stage: link.lastStage,
      synced_at: link.syncedAt?.toISOString() ?? null,
    };
  }
}
