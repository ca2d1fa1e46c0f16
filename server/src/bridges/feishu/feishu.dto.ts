import type { FeishuLinkRequest, FeishuTalentQuery } from '@shanqian/shared';
import { RequiredInt, RequiredText } from '../../common/form-fields';

/** Feishu Hire's ids are long digit strings (feishu_link.talent_id is a varchar(32)). */
const FEISHU_ID = { regex: /^[0-9A-Za-z_-]+$/, message: '应为飞书招聘的 ID（数字、字母、_ 或 -）' };

export class TalentQueryDto implements FeishuTalentQuery {
  @RequiredText(32, FEISHU_ID) talent_id!: string;
}

export class FeishuLinkDto implements FeishuLinkRequest {
  @RequiredInt({ min: 1 }) application_id!: number;
  @RequiredText(32, FEISHU_ID) talent_id!: string;
}
