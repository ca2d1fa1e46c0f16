import type { CompanyRequest } from '@shanqian/shared';
import { RequiredText } from '../../common/form-fields';

/** POST /admin/companies and PUT /admin/companies/:id. */
export class CompanyDto implements CompanyRequest {
  @RequiredText(64) company_name!: string;
}
