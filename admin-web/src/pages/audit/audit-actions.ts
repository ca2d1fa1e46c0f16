/**
 * The audit trail's actions and record kinds in the clerk's words. The server writes the codes
 * (`employee.reveal_id_number`); a code not named here is shown as it is, never hidden.
 */

/** The back-office records created, edited, enabled and disabled alike (`company.create`…). */
const RECORD_KINDS: Record<string, string> = {
  company: '用人单位',
  work_position: '岗位',
  dict: '字典项',
  contract: '合同模板',
  admin_user: '管理员',
};
const RECORD_VERBS: Record<string, string> = { create: '新增', update: '修改', enable: '启用', disable: '停用' };

const ACTION_GROUPS: { label: string; actions: Record<string, string> }[] = [
  {
    label: '账号',
    actions: { 'admin.login': '登录', 'admin.login_failed': '登录失败', 'admin.logout': '退出登录', 'admin.password_changed': '修改本人密码' },
  },
  {
    label: '签约申请',
    actions: {
      'application.approve': '审核通过',
      'application.reject': '驳回申请',
      'application.cancel': '取消申请',
      'application.export': '导出签约申请',
      'application.contract_preview': '预览待签合同',
      'application.evidence': '下载证据包',
      'employee.reveal_id_number': '查看完整身份证号',
    },
  },
  {
    label: '基础资料',
    actions: {
      ...recordActions(['company', 'work_position', 'dict', 'contract']),
      'company_seal.upload': '上传单位印章',
      'company_seal.generate': '使用生成的单位印章',
      'company_seal.authorize': '授权自动盖章',
      'company_seal.revoke': '撤销自动盖章授权',
      'company.certificate.upload': '上传单位证书',
      'company.certificate.remove': '删除单位证书',
    },
  },
  { label: '管理员', actions: { ...recordActions(['admin_user']), 'admin_user.reset_password': '重置管理员密码' } },
  {
    label: '合作系统',
    actions: {
      'moka.import': '导入 Moka 候选人',
      'moka.sync_users': '同步管理员到 Moka',
      'moka.sync_departments.incremental': '同步新增用人单位到 Moka',
      'moka.sync_departments.update': '同步用人单位变更到 Moka',
      'moka.sync_departments.full': '全量同步用人单位到 Moka',
      'leapin.invite': '邀请 LeapIn AI 面试',
      'feishu.link': '关联飞书招聘人才',
    },
  },
];

function recordActions(kinds: string[]): Record<string, string> {
  return Object.fromEntries(kinds.flatMap((kind) => Object.entries(RECORD_VERBS).map(([verb, label]) => [`${kind}.${verb}`, `${label}${RECORD_KINDS[kind]}`])));
}

const ACTION_LABELS: Record<string, string> = Object.assign({}, ...ACTION_GROUPS.map((group) => group.actions));

/** `employee.reveal_id_number` → 查看完整身份证号; an unknown code as it is. */
export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The action filter's options, grouped; each searchable by its words or its code. */
export const ACTION_OPTIONS = ACTION_GROUPS.map((group) => ({
  label: group.label,
  title: group.label,
  options: Object.entries(group.actions).map(([value, label]) => ({ value, label })),
}));

export const TARGET_TYPE_LABELS: Record<string, string> = {
  sign_apply: '签约申请',
  application: '签约申请',
  employee: '工人',
  ...RECORD_KINDS,
};

/** The target type filter's options: `application` and `sign_apply` both name an application, as separate codes. */
export const TARGET_TYPE_OPTIONS = Object.entries(TARGET_TYPE_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

export function targetTypeLabel(type: string): string {
  return TARGET_TYPE_LABELS[type] ?? type;
}
