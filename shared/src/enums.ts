/** Sign application status (seed §2.1.3). */
export enum SignApplicationStatus {
  /** 签约申请: submitted, waiting for HR review. */
  Applied = 1,
  /** 待签约: approved with a contract, waiting for the worker's signature. */
  PendingSignature = 2,
  /** 已签约 */
  Signed = 3,
  /** 已驳回, with a reason. */
  Rejected = 4,
  /** 已取消 */
  Cancelled = 5,
}

/** How every screen names a status: the back office's lists and filters, the CSV export, the refusals. */
export const SIGN_APPLICATION_STATUS_LABELS: Readonly<Record<SignApplicationStatus, string>> = {
  [SignApplicationStatus.Applied]: '签约申请',
  [SignApplicationStatus.PendingSignature]: '待签约',
  [SignApplicationStatus.Signed]: '已签约',
  [SignApplicationStatus.Rejected]: '已驳回',
  [SignApplicationStatus.Cancelled]: '已取消',
};

/** Real-name status of a WeChat user (seed §3.1.2). */
export enum VerifyStatus {
  /** 待实名 */
  Pending = 0,
  /** 实名中 */
  InProgress = 1,
  /** 实名成功 */
  Passed = 2,
  /** 实名失败 */
  Failed = 3,
}

/** Seed §2.1.1 */
export enum Gender {
  Unknown = 0,
  Male = 1,
  Female = 2,
}

/** Seed §2.2.1 marital_sts */
export enum MaritalStatus {
  Single = 1,
  Married = 2,
  Divorced = 3,
}

/** Seed §2.2.1 political_sts */
export enum PoliticalStatus {
  PartyMember = 1,
  LeagueMember = 2,
  Masses = 3,
}

/** Seed §2.2.1 acct_type (户口类型) */
export enum HouseholdType {
  Rural = 0,
  Urban = 1,
}

/** Seed §2.1.2 */
export enum EnabledFlag {
  Disabled = 0,
  Enabled = 1,
}

/** Names of the dictionaries served by `GET /dict/{dict_item}`. */
export enum DictItem {
  EduType = 'Edu_Type',
  Nation = 'Nation',
  MaritalStatus = 'Marital_Sts',
  PoliticalStatus = 'Political_Sts',
  HouseholdType = 'Acct_Type',
  Gender = 'Gender',
  Relationship = 'Relationship',
}
