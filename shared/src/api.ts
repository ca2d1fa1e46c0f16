/**
 * Request and response shapes of every mini-program endpoint (seed §1.2 and §3).
 * Field names are the seed's (snake_case) because they are the wire format.
 */
import type {
  Gender,
  HouseholdType,
  MaritalStatus,
  PoliticalStatus,
  SignApplicationStatus,
  VerifyStatus,
} from './enums';

/** POST /weixin/login */
export interface WeixinLoginRequest {
  /** The code from `wx.login`. */
  code: string;
}
export interface WeixinLoginResponse {
  session_token: string;
  /** 0 before any resume was submitted. */
  em_id: number;
}

/** GET /em_status */
export interface EmStatusResponse {
  /** Rejection reason, '' unless status is 4. */
  reason: string;
  company_name: string;
  /** 0 while there is no application. */
  status: 0 | SignApplicationStatus;
  verify_status: VerifyStatus;
  /** Why the real-name check failed, '' unless verify_status is 3. */
  verify_reason: string;
}

/** One row of `employee_edu`. Dates are `YYYY-MM`. */
export interface EmployeeEducation {
  school: string;
  major: string;
  /** A `dict_key` of dictionary `Edu_Type`. */
  edu_type: string;
  start_date: string;
  end_date: string;
}

/** One row of `work_exp`. Dates are `YYYY-MM`. */
export interface EmployeeWorkExperience {
  company_name: string;
  position: string;
  start_date: string;
  end_date: string;
  description?: string;
}

/** The resume fields of seed §2.2.1. */
export interface ResumeFields {
  real_name: string;
  phone: string;
  id_number: string;
  age: number;
  gender: Gender;
  /** A `dict_value` of dictionary `Nation`, e.g. 汉族. */
  nation: string;
  marital_sts: MaritalStatus;
  political_sts: PoliticalStatus;
  acct_type: HouseholdType;
  acct_prc_id?: number | null;
  acct_prc_name?: string | null;
  acct_city_id?: number | null;
  acct_city_name?: string | null;
  acct_coy_id?: number | null;
  acct_coy_name?: string | null;
  acct_addr?: string | null;
  province_id?: number | null;
  province_name?: string | null;
  city_id?: number | null;
  city_name?: string | null;
  county_id?: number | null;
  county_name?: string | null;
  addr?: string | null;
  em_contact_name?: string | null;
  em_contact_phone?: string | null;
  em_contact_relationship?: string | null;
}

/** POST /employee and PUT /employee */
export interface EmployeeRequest extends ResumeFields {
  company_id: number;
  work_pos: string;
  /** The chosen HR handler (an admin user id from GET /handlers). */
  ad_user_id: number;
  /** URLs returned by POST /image. */
  id_card_front: string;
  id_card_back: string;
  employee_edu: EmployeeEducation[];
  work_exp: EmployeeWorkExperience[];
  /**
   * SMS code sent to `phone` by POST /verifycode; required on POST and when PUT changes the phone,
   * unless POST /employee/prefill proved that phone for this user in the last 30 minutes.
   */
  verify_code?: string;
}

export interface CompanyRef {
  id: number;
  company_name: string;
}

export interface HandlerRef {
  id: number;
  name: string;
}

/** GET /employee */
export interface EmployeeResponse extends ResumeFields {
  id: number;
  company_id: number;
  work_pos: string;
  ad_user_id: number;
  company: CompanyRef;
  handler: HandlerRef;
  /** Freshly signed URLs, valid about an hour. */
  id_card_front: string;
  id_card_back: string;
  employee_edu: EmployeeEducation[];
  work_exp: EmployeeWorkExperience[];
  status: SignApplicationStatus;
  reason: string;
}

/** GET /dict/{dict_item} answers a list of these. */
export interface DictEntry {
  dict_key: string;
  dict_value: string;
}

/** GET /work_pos answers `string[]`; GET /handlers `HandlerRef[]`; GET /companies `CompanyRef[]`. */
export type WorkPositionList = string[];

/** POST /image (multipart, field `file`) */
export interface ImageUploadResponse {
  url: string;
}

/** GET /captcha?format=json */
export interface CaptchaJsonResponse {
  captcha_id: string;
  /** `data:image/svg+xml;base64,…` */
  image: string;
}

/** POST /verifycode */
export interface VerifyCodeRequest {
  captcha_code: string;
  phone: string;
  /** From GET /captcha?format=json; otherwise the `captcha_id` cookie is used. */
  captcha_id?: string;
}

/** POST /verify/realname (multipart with an optional `selfie` image, or an empty body) */
export interface RealnameResponse {
  verify_status: VerifyStatus;
  /** Why the check failed, '' when it passed. */
  reason: string;
}

/** The key terms of the contract, shown on a card the worker confirms before signing. */
export interface ContractTermsView {
  contract_name: string;
  company_name: string;
  /** The contracting entity (合同主体). */
  contract_body: string;
  worker_name: string;
  id_number_masked: string;
  phone: string;
  position: string;
  /** Monthly salary in yuan, two decimals. */
  salary: string;
  /** YYYY-MM-DD */
  entry_date: string;
  term_years: number;
  /** YYYY-MM-DD, the last day of the term. */
  end_date: string;
}

/** GET /sign/contract */
export interface ContractPreviewResponse {
  application_id: number;
  application_no: string;
  /** The filled contract PDF (wx.downloadFile + wx.openDocument), valid `expires_in` seconds. */
  preview_url: string;
  expires_in: number;
  filled_sha256: string;
  terms: ContractTermsView;
}

/** POST /sign (multipart: `signature` PNG, `verify_code`, `agree=1`) and GET /sign/document */
export interface SignedDocumentResponse {
  application_id: number;
  application_no: string;
  /** The signed PDF, valid `expires_in` seconds. */
  url: string;
  expires_in: number;
  sha256: string;
  signed_at: string;
  timestamp_at: string | null;
}

/** One signature found in a presented file, in file order. */
export interface DocumentSignatureCheck {
  /** From the signature's own signed dictionary (`/ShanqianRole`), or `timestamp` for an RFC 3161 document time stamp. */
  role: 'worker' | 'employer' | 'timestamp' | 'unknown';
  /** The signer certificate's CN (the TSA's for a time stamp). */
  signer: string | null;
  /** The time the signer states (/M); the TSA's genTime for a time stamp. */
  signed_at: string | null;
  /** The signature (or token) verifies over the bytes it covers. */
  valid: boolean;
  /** It covers its whole revision: nothing of what it signed is missing. */
  covers_revision: boolean;
  /** Nothing was appended after it. */
  covers_whole_file: boolean;
  /** A worker's or employer's certificate issued by the platform's CA, or a company certificate the platform holds. */
  issued_by_platform: boolean;
  certificate_sha256: string | null;
}

/** POST /verify/document (multipart `file`) */
export interface DocumentVerificationResponse {
  /** Byte for byte a contract signed here. */
  genuine: boolean;
  signed: boolean;
  /** The worker's and the employer's signatures verify with platform certificates, and nothing was changed after them. */
  signed_by_platform: boolean;
  unmodified: boolean;
  application_no: string | null;
  signed_at: string | null;
  timestamp_at: string | null;
  signatures: DocumentSignatureCheck[];
}

/** POST /employee/prefill (mini-program; form-urlencoded like the rest of it) */
export interface EmployeePrefillRequest {
  phone: string;
  /** The SMS code POST /verifycode sent to `phone`. */
  verify_code: string;
}

/**
 * The resume fields Moka knew, in EmployeeRequest's names; null where Moka had nothing usable. The
 * worker completes the rest (household, address, emergency contact, ID photos, company, handler)
 * and submits POST /employee as usual.
 */
export interface EmployeePrefillResponse extends Pick<EmployeeRequest, 'real_name' | 'phone' | 'gender'> {
  /** Only a valid resident ID number. */
  id_number: string | null;
  /** From the ID number, else from Moka's birth date. */
  age: number | null;
  /** A value of dictionary Nation. */
  nation: string | null;
  /** Moka's job title when it names one of our enabled work positions (GET /work_pos), else null. */
  work_pos: string | null;
  /** Dates `YYYY-MM`, '' where Moka had none (or a year only); `edu_type` '' when Moka's degree is not in Edu_Type. */
  employee_edu: EmployeeEducation[];
  work_exp: EmployeeWorkExperience[];
  /** The offer Moka recorded, for the worker to see (HR sets the contract's terms when approving). */
  offer: { position: string | null; entry_date: string | null; salary: string | null };
}

/**
 * GET /admin/applications/:id `event_chain`: the hash chain of the application's events, recomputed
 * (each event stores the SHA-256 of its content and of the event before it).
 */
export interface EventChainState {
  /** Every event matches its hash and follows the one before it: no row was edited, deleted or reordered. */
  ok: boolean;
  /** The hash of the latest event, as the contract's audit page and the evidence package print it; null before any event. */
  head: string | null;
}
