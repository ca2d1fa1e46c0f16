/*
 * Moka's wire format (seed 002), only the fields 闪签云 reads or sends. Moka leaves out or nulls
 * any field it has no value for, so every field read is optional.
 */

/** One row of `educationInfo`; dates are `YYYY-MM` or `YYYY`, and `now` makes the end "至今". */
export interface MokaEducation {
  startDate?: string | null;
  endDate?: string | null;
  now?: boolean | null;
  school?: string | null;
  speciality?: string | null;
  /** 本科, 硕士, 博士, 高中, 大专, 中专, MBA, 其他 */
  academicDegree?: string | null;
}

/** One row of `experienceInfo`. */
export interface MokaExperience {
  startDate?: string | null;
  endDate?: string | null;
  now?: boolean | null;
  company?: string | null;
  title?: string | null;
  summary?: string | null;
}

/** One item of `GET /v1/data/ehrApplications`' `data`. */
export interface MokaApplication {
  /** A number on the wire; kept as Moka wrote it (see `MokaApplicationsPage`). */
  applicationId: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  /** 男 or 女 */
  gender?: string | null;
  /** ISO 8601, e.g. `2020-03-17T00:00:00.000Z` */
  birthDate?: string | null;
  ethnic?: string | null;
  /** 1 is a resident ID card (身份证). */
  certificateType?: number | null;
  citizenId?: string | null;
  stageName?: string | null;
  job?: { title?: string | null } | null;
  offer?: { salaryNumber?: number | string | null; checkinDate?: string | null } | null;
  educationInfo?: MokaEducation[] | null;
  experienceInfo?: MokaExperience[] | null;
}

export type MokaStage = 'offer' | 'pending_checkin' | 'all';

/** The query of `GET /v1/data/ehrApplications` that 闪签云 uses. */
export interface MokaApplicationsQuery {
  stage: MokaStage;
  /** Moved into the stage at or after (`movedAtStartTime`). */
  movedFrom?: string;
  movedTo?: string;
}

/** `GET /v1/offers/custom_fields` */
export interface MokaOfferCustomField {
  id: number;
  name: string;
  /** 1 单行文本, 2 多行文本, 3 是否题, 4 年月选择, 6 选择题, 7 时间段, 8 Offer关联的HC, 9 日期, 10 数字 */
  type: number;
  detail: string[] | null;
  /** 1 社招, 2 校招 */
  hire_mode: number;
}

export interface MokaOfferCustomFields {
  social: MokaOfferCustomField[];
  campus: MokaOfferCustomField[];
}

/** Moka's built-in roles (`role` of `POST /v1/users/syncInfo`). */
export enum MokaRole {
  Referrer = 0,
  Receptionist = 5,
  Interviewer = 10,
  HiringManager = 20,
  SeniorHiringManager = 25,
  Hr = 30,
  Admin = 40,
  SuperAdmin = 50,
}

/** One user of `POST /v1/users/syncInfo`: Moka wants every field present, empty when unknown. */
export interface MokaUserInfo {
  email: string;
  name: string;
  phone: string;
  role: MokaRole;
  /** Empty: every department. */
  departmentCode: string[];
  superiorEmail: string;
  /** 0 可用, 1 禁用 */
  deactivated: 0 | 1;
  thirdPartyId: string;
  updateDepartment: boolean;
  updateSuperiorEmail: boolean;
}

/** One department of the three department endpoints. */
export interface MokaDepartment {
  department_code: string;
  name: string;
  /** null: a first-level department. */
  parent_code: string | null;
}

/** What the full sync (`PUT /v1/departments`) did. */
export interface MokaDepartmentCounts {
  new: number;
  update: number;
  delete: number;
}
