import { SignApplicationStatus } from '@shanqian/shared';
import { OptionalInt, OptionalText, RequiredInt, RequiredMoney, RequiredText } from '../../common/form-fields';
import { PageQueryDto } from '../../common/pagination';

const DATE = { regex: /^\d{4}-\d{2}-\d{2}$/, message: '应为 YYYY-MM-DD 格式的日期' };

export class ApproveApplicationDto {
  @RequiredInt({ min: 1 }) contract_id!: number;
  @RequiredText(10, DATE) entry_date!: string;
  /** Monthly salary in yuan: a JSON number or text in, canonical text (`"6500.00"`) out. */
  @RequiredMoney() salary!: string;
}

export class RejectApplicationDto {
  /** Shown to the worker by /em_status. */
  @RequiredText(256) reason!: string;
}

export class CancelApplicationDto {
  @OptionalText(256) reason?: string | null;
}

export class ApplicationQueryDto extends PageQueryDto {
  @OptionalInt({ min: SignApplicationStatus.Applied, max: SignApplicationStatus.Cancelled }) status?: number | null;
  @OptionalInt({ min: 1 }) company_id?: number | null;
  @OptionalInt({ min: 1 }) handler_id?: number | null;
  /** Name or phone, anywhere in it. */
  @OptionalText(32) keyword?: string | null;
  /** Apply time from this China calendar day on, inclusive. */
  @OptionalText(10, DATE) from?: string | null;
  /** Apply time up to this China calendar day, inclusive. */
  @OptionalText(10, DATE) to?: string | null;
}
