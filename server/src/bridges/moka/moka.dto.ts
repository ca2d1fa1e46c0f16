import { MOBILE, OptionalInt, OptionalText, RequiredText } from '../../common/form-fields';
import { OptionalBool } from '../../admin/records/admin-fields';
import type { EmployeePrefillRequest, MokaDepartmentSyncMode, MokaDepartmentSyncRequest, MokaImportRequest, MokaUserSyncRequest } from '@shanqian/shared';

/** China time, as an admin types it; passed to Moka as written. */
const MOMENT = { regex: /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/, message: '应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm:ss' };
const STAGE = { regex: /^(offer|pending_checkin|all)$/, message: '应为 offer、pending_checkin 或 all' };
const MODE = { regex: /^(incremental|update|full)$/, message: '应为 incremental、update 或 full' };
const SMS_CODE = { regex: /^\d{6}$/, message: '应为 6 位数字' };

export class MokaImportDto implements MokaImportRequest {
  @RequiredText(16, STAGE) stage!: MokaImportRequest['stage'];
  @OptionalText(19, MOMENT) moved_from?: string;
  @OptionalText(19, MOMENT) moved_to?: string;
}

/** How long an admin waits for queued work before the answer says "queued". */
export class MokaWaitDto implements MokaUserSyncRequest {
  /** Seconds, 0-60; default 10. */
  @OptionalInt({ min: 0, max: 60 }) wait_seconds?: number;
}

export class MokaSyncDepartmentsDto extends MokaWaitDto implements MokaDepartmentSyncRequest {
  @RequiredText(16, MODE) mode!: MokaDepartmentSyncMode;
  @OptionalBool() confirm?: boolean;
}

export class EmployeePrefillDto implements EmployeePrefillRequest {
  @RequiredText(16, MOBILE) phone!: string;
  @RequiredText(6, SMS_CODE) verify_code!: string;
}
