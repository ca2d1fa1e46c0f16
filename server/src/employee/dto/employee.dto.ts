import type { EmployeeEducation, EmployeeRequest, EmployeeWorkExperience } from '@shanqian/shared';
import { FormArray, MOBILE, OptionalInt, OptionalText, RequiredInt, RequiredText, YEAR_MONTH } from '../../common/form-fields';

const CONTACT_PHONE = { regex: /^[0-9+\-() ]{5,32}$/, message: '应为电话号码' };
const SMS_CODE = { regex: /^\d{6}$/, message: '应为 6 位数字' };

export class EducationDto implements EmployeeEducation {
  @RequiredText(64) school!: string;
  @RequiredText(64) major!: string;
  /** Checked against dictionary Edu_Type by the service. */
  @RequiredText(32) edu_type!: string;
  @RequiredText(7, YEAR_MONTH) start_date!: string;
  @RequiredText(7, YEAR_MONTH) end_date!: string;
}

export class WorkExperienceDto implements EmployeeWorkExperience {
  @RequiredText(64) company_name!: string;
  @RequiredText(32) position!: string;
  @RequiredText(7, YEAR_MONTH) start_date!: string;
  @RequiredText(7, YEAR_MONTH) end_date!: string;
  @OptionalText(500) description?: string;
}

/** The body of POST and PUT /employee: the resume of seed §2.2.1 with the seed's column sizes. */
export class EmployeeDto implements EmployeeRequest {
  @RequiredText(16) real_name!: string;
  @RequiredText(16, MOBILE) phone!: string;
  /** Check digit, birth date and sex are checked by the service against age and gender. */
  @RequiredText(32) id_number!: string;
  @RequiredInt({ min: 16, max: 100 }) age!: number;
  @RequiredInt({ oneOf: [1, 2] }) gender!: 1 | 2;
  @RequiredText(12) nation!: string;
  @RequiredInt({ oneOf: [1, 2, 3] }) marital_sts!: 1 | 2 | 3;
  @RequiredInt({ oneOf: [1, 2, 3] }) political_sts!: 1 | 2 | 3;
  @RequiredInt({ oneOf: [0, 1] }) acct_type!: 0 | 1;

  @OptionalInt({ min: 0 }) acct_prc_id?: number | null;
  @OptionalText(16) acct_prc_name?: string | null;
  @OptionalInt({ min: 0 }) acct_city_id?: number | null;
  @OptionalText(12) acct_city_name?: string | null;
  @OptionalInt({ min: 0 }) acct_coy_id?: number | null;
  @OptionalText(255) acct_coy_name?: string | null;
  @OptionalText(16) acct_addr?: string | null;
  @OptionalInt({ min: 0 }) province_id?: number | null;
  @OptionalText(12) province_name?: string | null;
  @OptionalInt({ min: 0 }) city_id?: number | null;
  @OptionalText(12) city_name?: string | null;
  @OptionalInt({ min: 0 }) county_id?: number | null;
  @OptionalText(255) county_name?: string | null;
  @OptionalText(255) addr?: string | null;
  @OptionalText(16) em_contact_name?: string | null;
  @OptionalText(32, CONTACT_PHONE) em_contact_phone?: string | null;
  @OptionalText(32) em_contact_relationship?: string | null;

  @RequiredText(1024) id_card_front!: string;
  @RequiredText(1024) id_card_back!: string;

  @RequiredInt({ min: 1 }) company_id!: number;
  @RequiredText(16) work_pos!: string;
  @RequiredInt({ min: 1 }) ad_user_id!: number;

  @FormArray(EducationDto, { min: 1, max: 10 }) employee_edu!: EducationDto[];
  @FormArray(WorkExperienceDto, { min: 1, max: 20 }) work_exp!: WorkExperienceDto[];

  @OptionalText(6, SMS_CODE) verify_code?: string;
}
