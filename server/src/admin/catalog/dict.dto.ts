import type { DictCreateRequest, DictUpdateRequest } from '@shanqian/shared';
import { OptionalInt, OptionalText, RequiredText } from '../../common/form-fields';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';

/** The names GET /dict/{dict_item} is asked for (Edu_Type, Nation, …). */
const DICT_ITEM = { regex: /^[A-Za-z][A-Za-z0-9_]*$/, message: '应为字母开头的字母、数字或下划线' };

export class CreateDictDto implements DictCreateRequest {
  @RequiredText(32, DICT_ITEM) dict_item!: string;
  @RequiredText(32) dict_key!: string;
  @RequiredText(32) dict_value!: string;
  @OptionalInt({ min: 0, max: 100000 }) sort?: number | null;
}

/** dict_item and dict_key are fixed at creation; they may be sent back unchanged. */
export class UpdateDictDto implements DictUpdateRequest {
  @OptionalText(32) dict_item?: string | null;
  @OptionalText(32) dict_key?: string | null;
  @RequiredText(32) dict_value!: string;
  @OptionalInt({ min: 0, max: 100000 }) sort?: number | null;
}

export class DictListQueryDto extends EnabledListQueryDto {
  @OptionalText(32) dict_item?: string | null;
}
