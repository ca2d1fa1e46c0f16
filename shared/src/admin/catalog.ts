import type { EnabledFlag } from '../enums';
import type { PageQuery } from '../envelope';

/**
 * The back office's catalog: companies (with their seal and signing certificates), work positions,
 * dictionary entries and contract templates. Every admin reads them; only a super admin writes.
 * Times are ISO 8601 in UTC.
 */

/** `?keyword=&status=&page=&page_size=` of the lists of records that are enabled or disabled. */
export interface EnabledListQuery extends PageQuery {
  keyword?: string;
  status?: EnabledFlag;
}

/** A row of `GET /admin/companies`, and the answer of its writes. */
export interface CompanyRow {
  id: number;
  company_name: string;
  status: EnabledFlag;
  created_at: string;
  updated_at: string;
}

/** `POST /admin/companies`, `PUT /admin/companies/:id` */
export interface CompanyRequest {
  company_name: string;
}

/** A row of `GET /admin/work-positions`. */
export interface WorkPositionRow {
  id: number;
  name: string;
  /** Place in the mini-program's picker, ascending. */
  sort: number;
  status: EnabledFlag;
}

/** `POST /admin/work-positions`, `PUT /admin/work-positions/:id` */
export interface WorkPositionRequest {
  name: string;
  /** 0 when absent. */
  sort?: number | null;
}

/** A row of `GET /admin/dicts`: one entry `GET /dict/{dict_item}` serves. */
export interface DictRow {
  id: number;
  dict_item: string;
  dict_key: string;
  dict_value: string;
  sort: number;
  status: EnabledFlag;
}

export interface DictListQuery extends EnabledListQuery {
  /** Exact. */
  dict_item?: string;
}

/** `POST /admin/dicts` */
export interface DictCreateRequest {
  dict_item: string;
  dict_key: string;
  dict_value: string;
  sort?: number | null;
}

/** `PUT /admin/dicts/:id`: dict_item and dict_key are fixed at creation; they may be sent back unchanged. */
export interface DictUpdateRequest {
  dict_item?: string | null;
  dict_key?: string | null;
  dict_value: string;
  sort?: number | null;
}

/** A row of `GET /admin/contracts`: a company's contract template. */
export interface ContractRow {
  id: number;
  contract_name: string;
  /** The contracting entity (合同主体). */
  contract_body: string;
  company_id: number;
  company_name: string;
  /** Term in years. */
  sign_year: number;
  status: EnabledFlag;
  /** SHA-256 of the template PDF: tells two versions of a template apart without downloading them. */
  file_sha256: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContractListQuery extends EnabledListQuery {
  company_id?: number;
}

/**
 * The text fields of `POST /admin/contracts` (multipart, beside the PDF in `file`) and of
 * `PUT /admin/contracts/:id` (multipart with an optional new `file`, or JSON), which replaces all of them.
 */
export interface ContractRequest {
  contract_name: string;
  contract_body: string;
  company_id: number;
  sign_year: number;
}

/** `GET /admin/contracts/:id/file`: a link to the template PDF that needs no headers and expires. */
export interface ContractFileLink {
  url: string;
  /** Seconds. */
  expires_in: number;
}

export type SealKind = 'generated' | 'uploaded';

/** `GET /admin/companies/:id/seal` (super only), and the answer of its writes. */
export interface CompanySealRow {
  company_id: number;
  company_name: string;
  kind: SealKind;
  /** The line below the star of the generated seal (合同专用章). */
  bottom_text: string | null;
  /** Whether contracts of the company are sealed automatically on approval; without it no approval goes through. */
  authorized: boolean;
  /** The super admin who last granted or revoked the authorization, when and from which address. */
  authorized_by: number | null;
  authorized_by_name: string | null;
  authorized_at: string | null;
  authorized_ip: string | null;
  /** Answered with the same Bearer session, as the bytes (image/png, application/pdf). */
  preview_png_url: string;
  preview_pdf_url: string;
}

/** `PUT /admin/companies/:id/seal` as JSON: back to the generated seal (an uploaded one is multipart, the PNG in `file`). */
export interface SealGeneratedRequest {
  kind: 'generated';
  bottom_text?: string | null;
}

/** `POST /admin/companies/:id/seal-authorization`: the acting super admin's own password, asked for again. */
export interface SealAuthorizationRequest {
  enabled: boolean;
  password: string;
}

export type CertificateSource = 'generated' | 'uploaded';

/** One of a company's active signing certificates. */
export interface SigningCertificate {
  id: number;
  source: CertificateSource;
  /** The contracting entity a generated certificate names; null for an uploaded one (it signs for all). */
  contract_body: string | null;
  /** Whether it signs now: an uploaded certificate wins over the generated ones. */
  in_use: boolean;
  /** e.g. `CN=某某劳务有限公司, O=某某集团`. */
  subject: string;
  issuer: string;
  /** Hex. */
  serial: string;
  fingerprint_sha256: string;
  not_before: string;
  not_after: string;
}

/** `GET /admin/companies/:id/certificate` (super only). */
export interface CompanyCertificates {
  company_id: number;
  certificates: SigningCertificate[];
}
