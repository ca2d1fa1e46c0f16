import type { EmployeeEducation, EmployeeWorkExperience, ResumeFields } from '@shanqian/shared';
import { EmployeeEducation as EducationRow } from './employee-education.entity';
import { EmployeeWorkExperience as WorkRow } from './employee-work-experience.entity';
import { Employee } from './employee.entity';
import { EducationDto, EmployeeDto, WorkExperienceDto } from './dto/employee.dto';

/** The resume's plain fields: the wire name is the seed's column name, the entity property its camelCase. */
const RESUME_FIELDS = [
  'real_name', 'phone', 'age', 'gender', 'nation', 'marital_sts', 'political_sts', 'acct_type',
  'acct_prc_id', 'acct_prc_name', 'acct_city_id', 'acct_city_name', 'acct_coy_id', 'acct_coy_name', 'acct_addr',
  'province_id', 'province_name', 'city_id', 'city_name', 'county_id', 'county_name', 'addr',
  'em_contact_name', 'em_contact_phone', 'em_contact_relationship',
] as const satisfies readonly (keyof ResumeFields)[];

type ResumeField = (typeof RESUME_FIELDS)[number];
type ResumeScalars = Omit<ResumeFields, 'id_number'>;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function resumeToEntity(dto: EmployeeDto): Partial<Employee> {
  const fields: Record<string, unknown> = {};
  for (const name of RESUME_FIELDS) fields[camel(name)] = dto[name] ?? null;
  return fields as Partial<Employee>;
}

export function entityToResume(employee: Employee): ResumeScalars {
  const fields: Record<string, unknown> = {};
  for (const name of RESUME_FIELDS) fields[name] = employee[camel(name) as keyof Employee];
  return fields as Pick<ResumeFields, ResumeField>;
}

export const educationRows = (rows: EducationDto[]): Partial<EducationRow>[] =>
  rows.map((row, sort) => ({ sort, school: row.school, major: row.major, eduType: row.edu_type, startDate: row.start_date, endDate: row.end_date }));

export const workRows = (rows: WorkExperienceDto[]): Partial<WorkRow>[] =>
  rows.map((row, sort) => ({
    sort, companyName: row.company_name, position: row.position, startDate: row.start_date, endDate: row.end_date, description: row.description ?? null,
  }));

export const educationOut = (row: EducationRow): EmployeeEducation => ({
  school: row.school, major: row.major, edu_type: row.eduType, start_date: row.startDate, end_date: row.endDate,
});

export const workOut = (row: WorkRow): EmployeeWorkExperience => ({
  company_name: row.companyName, position: row.position, start_date: row.startDate, end_date: row.endDate, description: row.description ?? '',
});
