import { applyDecorators } from '@nestjs/common';
import { APPLICATION_SORTS, ApplicationListQuery, ApplicationSort, BULK_DECISION_MAX, BulkApproveRequest, BulkRejectRequest, SignApplicationStatus } from '@shanqian/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDefined, IsIn, IsInt, Max, Min } from 'class-validator';
import { INT_RANGE, OptionalInt, OptionalText, RequiredInt, RequiredMoney, RequiredText } from '../../common/form-fields';
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

export class ApplicationQueryDto extends PageQueryDto implements ApplicationListQuery {
  @OptionalInt({ min: SignApplicationStatus.Applied, max: SignApplicationStatus.Cancelled }) status?: SignApplicationStatus | null;
  @OptionalInt({ min: 1 }) company_id?: number | null;
  @OptionalInt({ min: 1 }) handler_id?: number | null;
  /** Name or phone, anywhere in it. */
  @OptionalText(32) keyword?: string | null;
  /** Apply time from this China calendar day on, inclusive. */
  @OptionalText(10, DATE) from?: string | null;
  /** Apply time up to this China calendar day, inclusive. */
  @OptionalText(10, DATE) to?: string | null;
  /** A whitelist, so that no column name from the URL reaches the query. */
  @OptionalText(16)
  @IsIn(APPLICATION_SORTS, { message: `应为 ${APPLICATION_SORTS.join('、')} 之一` })
  sort?: ApplicationSort | null;
}

/**
 * The applications of a bulk decision: JSON numbers only (`"1e0"` or `"7"` is refused rather than
 * read as a number), each named once, so that every outcome answers one id.
 */
function ApplicationIds() {
  return applyDecorators(
    IsDefined({ message: '不能为空' }),
    IsArray({ message: '应为申请编号的数组' }),
    ArrayMinSize(1, { message: '至少 1 个' }),
    ArrayMaxSize(BULK_DECISION_MAX, { message: `一次最多 ${BULK_DECISION_MAX} 个` }),
    IsInt({ each: true, message: '应为整数' }),
    Min(1, { each: true, message: '应为正整数' }),
    Max(INT_RANGE.max, { each: true, message: `不能大于 ${INT_RANGE.max}` }),
    ArrayUnique({ message: '不能重复' }),
  );
}

export class BulkApproveApplicationsDto extends ApproveApplicationDto implements BulkApproveRequest {
  @ApplicationIds() ids!: number[];
}

export class BulkRejectApplicationsDto extends RejectApplicationDto implements BulkRejectRequest {
  @ApplicationIds() ids!: number[];
}
