import type { EmployeeResponse, SignApplicationStatus } from '@shanqian/shared';
import { emptyForm, toEmployeeRequest } from '../utils/resume-rules';
import type { ResumeForm } from '../utils/resume-rules';

/* Resume forms for the specs of the resume rules and the resume form page. */

/** A resume that passes every rule. */
export function completeForm(overrides: Partial<ResumeForm> = {}): ResumeForm {
  return {
    ...emptyForm(),
    real_name: '王小明',
    id_number: '110101199506150013',
    nation: '汉族',
    marital_sts: '1',
    political_sts: '3',
    acct_type: '0',
    acct_region: { codes: ['410000', '410100', '410105'], names: ['河南省', '郑州市', '金水区'] },
    acct_addr: '某某村 3 组',
    region: null,
    addr: '',
    em_contact_name: '王大明',
    em_contact_phone: '13700000000',
    em_contact_relationship: '父母',
    id_card_front: 'http://localhost:3000/image/a?expires=1&sig=x',
    id_card_back: 'http://localhost:3000/image/b?expires=1&sig=y',
    employee_edu: [{ school: ' 郑州大学 ', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
    work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '' }],
    company_id: 1,
    work_pos: '普工',
    ad_user_id: 2,
    phone: '13912345678',
    verify_code: '123456',
    ...overrides,
  };
}

/** GET /employee's answer for the complete form, in an application of `status`. */
export function submittedResume(status: SignApplicationStatus, overrides: Partial<EmployeeResponse> = {}): EmployeeResponse {
  const { verify_code: _code, ...body } = toEmployeeRequest(completeForm(), { today: new Date(), needsVerifyCode: false });
  return {
    ...body,
    id: 7,
    company: { id: body.company_id, company_name: '闪签云示范科技有限公司' },
    handler: { id: body.ad_user_id, name: '李强' },
    status,
    reason: status === 4 ? '身份证照片不清楚' : '',
    ...overrides,
  };
}
