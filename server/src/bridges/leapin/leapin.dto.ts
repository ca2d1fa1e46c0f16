import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { LeapinInviteRequest, LeapinJobsQuery } from '@shanqian/shared';
import { INT_RANGE, OptionalInt, RequiredInt } from '../../common/form-fields';

export class LeapinJobsQueryDto implements LeapinJobsQuery {
  /** LeapIn's page to start from (1). */
  @OptionalInt({ min: 1, max: 100000 }) page?: number | null;
  /** LeapIn's page size for each request (LeapIn's default when absent). */
  @OptionalInt({ min: 1, max: 100 }) page_size?: number | null;
}

export class LeapinInviteDto implements LeapinInviteRequest {
  /** The LeapIn job (GET /admin/bridges/leapin/jobs). */
  @RequiredInt({ min: 1 }) job_id!: number;

  /** sign_apply ids. */
  @IsDefined({ message: '不能为空' })
  @IsArray({ message: '应为申请编号的数组' })
  @ArrayMinSize(1, { message: '至少 1 个' })
  @ArrayMaxSize(100, { message: '一次最多 100 个' })
  @IsInt({ each: true, message: '应为整数' })
  @Min(1, { each: true, message: '应为正整数' })
  @Max(INT_RANGE.max, { each: true, message: `不能大于 ${INT_RANGE.max}` })
  application_ids!: number[];

  /** Let LeapIn send the invitation itself (LeapIn's default: no). */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean({ message: '应为 true 或 false' })
  trigger_notice?: boolean;

  /** Days the AI-interview link stays valid (LeapIn's default: 7). */
  @OptionalInt({ min: 1, max: 365 }) expire_days?: number | null;
}
