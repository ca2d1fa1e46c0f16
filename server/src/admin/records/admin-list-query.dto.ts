import { PageQueryDto } from '../../common/pagination';
import { OptionalInt, OptionalText } from '../../common/form-fields';

/** `?page=&page_size=&keyword=` of the back-office lists. */
export class KeywordPageQueryDto extends PageQueryDto {
  @OptionalText(64) keyword?: string | null;
}

/** Lists of records that are enabled or disabled: `status` 1 or 0 filters them. */
export class EnabledListQueryDto extends KeywordPageQueryDto {
  @OptionalInt({ min: 0, max: 1 }) status?: number | null;
}
