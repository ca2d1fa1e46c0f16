import type { SealAuthorizationRequest } from '@shanqian/shared';
import { IsDefined } from 'class-validator';
import { OptionalText, RequiredText } from '../common/form-fields';
import { OptionalBool } from '../admin/records/admin-fields';

/** PUT /admin/companies/:id/seal without a file: back to the generated seal. */
export class SealDto {
  @OptionalText(9, { regex: /^generated$/, message: '应为 generated（上传印章图片时放在字段 file 中）' }) kind?: 'generated' | null;
  /** The line below the star, e.g. 合同专用章; absent: none. */
  @OptionalText(12) bottom_text?: string | null;
}

export class SealPreviewQueryDto {
  @OptionalText(3, { regex: /^(png|pdf)$/, message: '应为 png 或 pdf' }) format?: 'png' | 'pdf' | null;
}

export class SealAuthorizationDto implements SealAuthorizationRequest {
  @IsDefined({ message: '不能为空' })
  @OptionalBool()
  enabled!: boolean;

  /** The acting super admin's own password, asked for again. */
  @RequiredText(72) password!: string;
}
