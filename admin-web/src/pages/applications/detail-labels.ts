import {
  type ApplicationEventType,
  Gender,
  HouseholdType,
  MaritalStatus,
  PoliticalStatus,
  type RealnameCheckView,
  VerifyStatus,
} from '@shanqian/shared';
import dayjs from 'dayjs';

/** How the history names each event; a new event type fails the build here until it has a name. */
export const EVENT_LABELS: Record<ApplicationEventType, string> = {
  applied: '提交签约申请',
  resubmitted: '重新提交申请',
  updated: '修改简历',
  approved: '审核通过',
  rejected: '驳回',
  cancelled: '取消申请',
  realname_passed: '实名认证通过',
  realname_failed: '实名认证未通过',
  contract_viewed: '劳动者查看合同',
  intent_confirmed: '意愿确认（短信验证码）',
  signed: '签署合同',
};

/** The timeline's dot: green for a step forward, red for a refusal, grey for an end, blue otherwise. */
export const EVENT_COLORS: Partial<Record<ApplicationEventType, string>> = {
  approved: 'green',
  realname_passed: 'green',
  signed: 'green',
  rejected: 'red',
  realname_failed: 'red',
  cancelled: 'gray',
};

/** The keys an event's detail may carry, in HR's words; others are shown as they are. */
export const EVENT_DETAIL_LABELS: Record<string, string> = {
  reason: '原因',
  contract_id: '合同模板',
  entry_date: '入职日期',
  salary: '月薪',
  phone: '手机号',
  sha256: '签署文件 SHA-256',
  filled_sha256: '合同文件 SHA-256',
  provider: '实名服务',
  with_selfie: '人脸比对',
};

/** An event's stored detail (JSON text) as label and value pairs; text that is not a JSON object is one pair. */
export function eventDetailEntries(detail: string): [string, string][] {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [['详情', detail]];
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return [['详情', detail]];
  return Object.entries(parsed)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => [EVENT_DETAIL_LABELS[key] ?? key, key === 'salary' ? yuan(String(value)) : typeof value === 'boolean' ? (value ? '是' : '否') : typeof value === 'object' ? JSON.stringify(value) : String(value)]);
}

export const GENDER_LABELS: Record<Gender, string> = { [Gender.Unknown]: '未知', [Gender.Male]: '男', [Gender.Female]: '女' };
export const MARITAL_LABELS: Record<MaritalStatus, string> = { [MaritalStatus.Single]: '未婚', [MaritalStatus.Married]: '已婚', [MaritalStatus.Divorced]: '离异' };
export const POLITICAL_LABELS: Record<PoliticalStatus, string> = {
  [PoliticalStatus.PartyMember]: '中共党员',
  [PoliticalStatus.LeagueMember]: '共青团员',
  [PoliticalStatus.Masses]: '群众',
};
export const HOUSEHOLD_LABELS: Record<HouseholdType, string> = { [HouseholdType.Rural]: '农村户口', [HouseholdType.Urban]: '城镇户口' };

export const VERIFY_LABELS: Record<VerifyStatus, { text: string; color: string }> = {
  [VerifyStatus.Pending]: { text: '待实名', color: 'default' },
  [VerifyStatus.InProgress]: { text: '实名中', color: 'processing' },
  [VerifyStatus.Passed]: { text: '实名成功', color: 'success' },
  [VerifyStatus.Failed]: { text: '实名失败', color: 'error' },
};

export const REALNAME_OUTCOME_LABELS: Record<RealnameCheckView['outcome'], { text: string; color: string }> = {
  passed: { text: '通过', color: 'success' },
  failed: { text: '未通过', color: 'error' },
  error: { text: '服务出错', color: 'warning' },
};

/** LeapIn's candidate status (its API's numbers). */
export const LEAPIN_STATUS_LABELS: Record<number, string> = { 0: '已邀请', 1: '已提交 AI 面试', 3: '复试', 4: '录用', 5: '不合适' };
export const LEAPIN_REPORT_LABELS: Record<number, string> = { 0: '无报告', 1: '报告生成中', 2: '报告生成失败', 3: '报告已生成' };

/** An instant from the API (ISO, UTC) in the clerk's local time. */
export const dateTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Money as the server sends it (`"6500.50"`), with its unit. */
export const yuan = (amount: string | null | undefined): string => (amount ? `${amount} 元` : '—');

/** Parts of an address, those given, in order. */
export const joined = (...parts: (string | null | undefined)[]): string => parts.filter(Boolean).join(' ') || '—';
