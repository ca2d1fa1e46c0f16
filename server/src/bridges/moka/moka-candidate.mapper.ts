import { Gender } from '@shanqian/shared';
import type { EmployeeEducation, EmployeeWorkExperience } from '@shanqian/shared';
import { chinaDate, isCalendarDate } from '../../common/china-time';
import { MOBILE } from '../../common/form-fields';
import { parseResidentId } from '../../employee/id-number';
import type { MokaApplication, MokaEducation, MokaExperience } from './moka.types';

/** What the import keeps of one Moka application, in 闪签云's terms. */
export interface CandidateFields {
  phone: string;
  name: string;
  email: string | null;
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string | null;
  nation: string | null;
  /** In clear here; the import encrypts it. Only a valid resident ID number. */
  idNumber: string | null;
  position: string | null;
  /** YYYY-MM-DD */
  entryDate: string | null;
  /** Two decimals. */
  salary: string | null;
  education: EmployeeEducation[];
  experience: EmployeeWorkExperience[];
  stage: string;
}

/** The dictionaries the mapping reads: Edu_Type (value → key, 本科 → bachelor) and Nation's values. */
export interface CandidateDictionaries {
  eduTypes: ReadonlyMap<string, string>;
  nations: ReadonlySet<string>;
}

export type MappedCandidate = { fields: CandidateFields } | { reason: string };

/** Moka's degrees that our Edu_Type dictionary names differently. */
const DEGREE_ALIASES: Record<string, string> = { MBA: '硕士' };
/** The resume's limits (EmployeeDto): rows past them could not be submitted. */
const MAX_EDUCATION_ROWS = 10;
const MAX_WORK_ROWS = 20;

/**
 * One Moka application as a pre-filled 闪签云 record, or why it cannot be one. The phone is the
 * key the worker is found by, so an application without a mainland mobile number is refused; any
 * other field Moka lacks or gives in a form we cannot use is left empty for the worker to fill.
 */
export function mapMokaApplication(app: MokaApplication, dicts: CandidateDictionaries): MappedCandidate {
  const phone = mainlandMobile(app.phone);
  if (!phone) return { reason: '没有可用的中国大陆手机号' };
  const name = text(app.name, 64);
  if (!name) return { reason: '没有姓名' };

  const resident = residentIdOf(app);
  return {
    fields: {
      phone,
      name,
      email: text(app.email, 128),
      // The ID number decides sex and birth date wherever the resume is checked: it wins here too.
      gender: resident?.gender ?? genderOf(app.gender),
      birthDate: resident?.birthDate ?? chinaDay(app.birthDate),
      nation: nationOf(app.ethnic, dicts.nations),
      idNumber: resident?.idNumber ?? null,
      position: text(app.job?.title, 64),
      entryDate: chinaDay(app.offer?.checkinDate),
      salary: money(app.offer?.salaryNumber),
      education: (app.educationInfo ?? []).filter((row) => text(row.school) || text(row.speciality)).slice(0, MAX_EDUCATION_ROWS).map((row) => education(row, dicts.eduTypes)),
      experience: (app.experienceInfo ?? []).filter((row) => text(row.company)).slice(0, MAX_WORK_ROWS).map(experience),
      stage: text(app.stageName, 32) ?? '',
    },
  };
}

function residentIdOf(app: MokaApplication): { idNumber: string; gender: Gender; birthDate: string } | null {
  // Other certificate types (passports, Hong Kong cards…) are not resident IDs even when they parse.
  if (app.certificateType != null && app.certificateType !== 1) return null;
  const raw = text(app.citizenId);
  if (!raw) return null;
  const facts = parseResidentId(raw);
  return typeof facts === 'string' ? null : { idNumber: raw.toUpperCase(), ...facts };
}

/** Moka writes numbers as the candidate typed them: +86, spaces and dashes are dropped. */
function mainlandMobile(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return MOBILE.regex.test(digits) ? digits : null;
}

function genderOf(value: string | null | undefined): Gender {
  return value === '男' ? Gender.Male : value === '女' ? Gender.Female : Gender.Unknown;
}

/** A dictionary value of Nation; Moka may leave off the 族 (汉 for 汉族). */
function nationOf(value: string | null | undefined, nations: ReadonlySet<string>): string | null {
  const name = text(value);
  if (!name) return null;
  return [name, `${name}族`].find((candidate) => nations.has(candidate)) ?? null;
}

/** An ISO 8601 instant (Moka's dates are midnight in China, written in UTC) as the China calendar day. */
function chinaDay(value: string | null | undefined): string | null {
  const raw = text(value);
  if (!raw) return null;
  if (isCalendarDate(raw)) return raw;
  const instant = Date.parse(raw);
  if (Number.isNaN(instant)) return null;
  const { year, month, day } = chinaDate(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM` from Moka's `YYYY-MM…`; a year alone or anything else is left for the worker to fill. */
function yearMonth(value: string | null | undefined): string {
  const match = /^(\d{4})[-./](\d{1,2})(?!\d)/.exec(text(value) ?? '');
  if (!match) return '';
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? `${match[1]}-${String(month).padStart(2, '0')}` : '';
}

function money(value: number | string | null | undefined): string | null {
  const amount = typeof value === 'string' ? Number(value.trim() || NaN) : value;
  return typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 && amount < 1e13 ? amount.toFixed(2) : null;
}

function education(row: MokaEducation, eduTypes: ReadonlyMap<string, string>): EmployeeEducation {
  const degree = text(row.academicDegree) ?? '';
  return {
    school: text(row.school, 64) ?? '',
    major: text(row.speciality, 64) ?? '',
    edu_type: eduTypes.get(DEGREE_ALIASES[degree] ?? degree) ?? '',
    start_date: yearMonth(row.startDate),
    // "至今": Moka says endDate may then hold anything.
    end_date: row.now ? '' : yearMonth(row.endDate),
  };
}

function experience(row: MokaExperience): EmployeeWorkExperience {
  const summary = text(row.summary, 500);
  return {
    company_name: text(row.company, 64) ?? '',
    position: text(row.title, 32) ?? '',
    start_date: yearMonth(row.startDate),
    end_date: row.now ? '' : yearMonth(row.endDate),
    ...(summary ? { description: summary } : {}),
  };
}

/** A trimmed, non-empty string cut to the column's size, or null. */
function text(value: unknown, max = Infinity): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed ? [...trimmed].slice(0, max).join('') : null;
}
