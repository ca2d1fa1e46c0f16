import { OptionalInt } from '../../common/form-fields';
import { KeywordPageQueryDto } from '../../admin/records/admin-list-query.dto';

export class EmployeeListQueryDto extends KeywordPageQueryDto {
  /** The application's status: 1 签约申请, 2 待签约, 3 已签约, 4 已驳回, 5 已取消. */
  @OptionalInt({ min: 1, max: 5 }) status?: number | null;
}
