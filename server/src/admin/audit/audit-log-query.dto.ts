import type { AuditLogQuery } from '@shanqian/shared';
import { OptionalInt, OptionalText } from '../../common/form-fields';
import { PageQueryDto } from '../../common/pagination';

/** A China calendar day, or an instant with its offset (so no one has to guess the time zone). */
export const DAY_OR_INSTANT = {
  regex: /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/,
  message: '应为 YYYY-MM-DD（北京时间的一天）或带时区的 ISO 8601 时间，如 2025-01-31T08:00:00+08:00',
};

export class AuditLogQueryDto extends PageQueryDto implements AuditLogQuery {
  @OptionalInt({ min: 1 }) admin_id?: number | null;
  @OptionalText(48) action?: string | null;
  @OptionalText(32) target_type?: string | null;
  @OptionalInt({ min: 1 }) target_id?: number | null;
  /** From this instant, or from the start of this day. */
  @OptionalText(35, DAY_OR_INSTANT) from?: string | null;
  /** Up to this instant, or to the end of this day (inclusive). */
  @OptionalText(35, DAY_OR_INSTANT) to?: string | null;
}
