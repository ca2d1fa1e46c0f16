import { RequiredText } from '../../common/form-fields';

/** POST /admin/companies and PUT /admin/companies/:id. */
export class CompanyDto {
  @RequiredText(64) company_name!: string;
}
