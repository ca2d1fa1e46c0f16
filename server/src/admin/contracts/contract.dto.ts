import type { ContractRequest } from '@shanqian/shared';
import { OptionalInt, RequiredInt, RequiredText } from '../../common/form-fields';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';

/**
 * The text fields of POST /admin/contracts (multipart, beside the PDF in `file`) and of
 * PUT /admin/contracts/:id (multipart or JSON), which replaces all of them.
 */
export class ContractDto implements ContractRequest {
  @RequiredText(32) contract_name!: string;
  /** The contracting entity (合同主体). */
  @RequiredText(32) contract_body!: string;
  @RequiredInt({ min: 1 }) company_id!: number;
  /** Term in years. */
  @RequiredInt({ min: 1, max: 10 }) sign_year!: number;
}

export class ContractListQueryDto extends EnabledListQueryDto {
  @OptionalInt({ min: 1 }) company_id?: number | null;
}
