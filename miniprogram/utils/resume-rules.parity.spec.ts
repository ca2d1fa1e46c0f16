import 'reflect-metadata';
import { parse, stringify } from 'qs';
import { createValidationPipe } from '../../server/src/common/validation.pipe';
import { EmployeeDto } from '../../server/src/employee/dto/employee.dto';
import { parseResidentId } from '../../server/src/employee/id-number';
import { checkCharacter, parseIdNumber } from './id-number';
import { toEmployeeRequest, validateResume } from './resume-rules';
import type { ResumeForm } from './resume-rules';
import { completeForm } from '../test/resume-form';

/*
 * The phone's rules against the server's own: each case goes through validateResume, and, as the
 * body the phone would send (form-encoded with arrays in bracket notation, as services/request.ts
 * sends it, and parsed the way the server parses it), through the
 * server's validation pipe. Both must name the same field with the same message.
 */

const today = new Date('2026-11-22T04:00:00Z');
const context = { today, needsVerifyCode: true };
const pipe = createValidationPipe();

/** The server's first problem with a form, as `field: message`, or null. */
async function serverProblem(form: ResumeForm): Promise<string | null> {
  const body = parse(stringify(toEmployeeRequest(form, context), { arrayFormat: 'indices' }));
  try {
    await pipe.transform(body, { type: 'body', metatype: EmployeeDto });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function phoneProblem(form: ResumeForm): string | null {
  const [entry] = Object.entries(validateResume(form, context));
  return entry ? `${entry[0]}: ${entry[1]}` : null;
}

const education = completeForm().employee_edu[0];
const work = completeForm().work_exp[0];

it.each<[string, Partial<ResumeForm>]>([
  ['nothing wrong', {}],
  ['an empty name', { real_name: '' }],
  ['a long name', { real_name: '名'.repeat(17) }],
  ['a landline as the phone', { phone: '03711234567' }],
  ['a short SMS code', { verify_code: '12345' }],
  ['letters in the contact phone', { em_contact_phone: '138abc' }],
  ['a long contact name', { em_contact_name: '名'.repeat(17) }],
  ['a long household address', { acct_addr: '址'.repeat(17) }],
  ['a long current address', { addr: '址'.repeat(256) }],
  ['no education', { employee_edu: [] }],
  ['no work', { work_exp: [] }],
  ['a long school name', { employee_edu: [{ ...education, school: '校'.repeat(65) }] }],
  ['an education without a start', { employee_edu: [{ ...education, start_date: '' }] }],
  ['a long position', { work_exp: [{ ...work, position: '岗'.repeat(33) }] }],
  ['a long work description', { work_exp: [{ ...work, description: '字'.repeat(501) }] }],
  ['11 educations', { employee_edu: Array(11).fill(education) }],
])('%s: the same verdict as the server', async (_, overrides) => {
  const form = completeForm(overrides);
  expect(phoneProblem(form)).toBe(await serverProblem(form));
});

it.each([
  '110101199506150013',
  '11010519491231002x',
  '110101199506150014',
  `11010519490230002${checkCharacter('11010519490230002')}`,
  `11010520261123002${checkCharacter('11010520261123002')}`,
  `11010518991231002${checkCharacter('11010518991231002')}`,
  '1101011995061500',
])('reads the ID number %s as the server does', (id) => {
  const server = parseResidentId(id, today);
  const phone = parseIdNumber(id, today);
  expect(typeof phone === 'string' ? phone : { birthDate: phone.birthDate, gender: phone.gender }).toEqual(server);
});
