import type { EmStatusResponse } from '@shanqian/shared';

/** Where the home page's buttons lead. */
export const RESUME_FORM = '/resume/pages/form/index';
export const REALNAME = '/sign/pages/realname/index';
export const CONTRACT = '/sign/pages/contract/index';
export const SIGNED_DOCUMENT = '/sign/pages/document/index';

export interface HomeAction {
  text: string;
  url: string;
  /** Applying (again) records the worker's location: ask for it right before, where it makes sense. */
  applies: boolean;
}

/** What the home page shows for one answer of /em_status. */
export interface HomeView {
  /** The status tag (Vant tag type) and its text; none before the first application. */
  tag: { text: string; type: 'primary' | 'success' | 'warning' | 'danger' | 'default' } | null;
  title: string;
  description: string;
  company: string;
  /** The rejection reason, or why the real-name check failed: shown in red. */
  problem: string;
  /** The signing steps while the contract waits (status 2): real-name, contract, signature. */
  steps: { active: number } | null;
  action: HomeAction;
}

/** Vant steps of the signing, in order. */
export const SIGN_STEPS = [{ text: '实名认证' }, { text: '确认合同' }, { text: '手写签名' }];

/** The one mapping of application and real-name status to what the worker reads and can do next. */
export function homeView(s: EmStatusResponse): HomeView {
  const base = { company: s.company_name, problem: '', steps: null };
  switch (s.status) {
    case 0:
      return {
        ...base,
        tag: null,
        title: '填写简历，申请签约',
        description: '准备好身份证，按步骤填写个人信息、学历和工作经历，可以分几次填完，填过的内容会自动保存。提交后由 HR 审核。',
        action: { text: '开始填写简历', url: RESUME_FORM, applies: true },
      };
    case 1:
      return {
        ...base,
        tag: { text: '审核中', type: 'primary' },
        title: '简历已提交，正在审核',
        description: 'HR 会尽快审核你的申请，结果会显示在这里。下拉页面可以刷新。审核前如需更正，可以修改简历。',
        action: { text: '查看或修改简历', url: RESUME_FORM, applies: false },
      };
    case 2:
      return { ...base, ...toBeSigned(s) };
    case 3:
      return {
        ...base,
        tag: { text: '已签约', type: 'success' },
        title: '合同已签署',
        description: '你已完成签约，可以随时查看和下载已签署的合同。',
        action: { text: '查看合同', url: SIGNED_DOCUMENT, applies: false },
      };
    case 4:
      return {
        ...base,
        tag: { text: '未通过', type: 'danger' },
        title: '申请未通过审核',
        description: '请按下面的原因修改简历后重新提交。',
        problem: s.reason ? `原因：${s.reason}` : '',
        action: { text: '修改后重新提交', url: RESUME_FORM, applies: true },
      };
    case 5:
      return {
        ...base,
        tag: { text: '已取消', type: 'default' },
        title: '申请已取消',
        description: '这次签约申请已取消。如果仍想应聘，可以核对简历后重新申请。',
        action: { text: '重新申请', url: RESUME_FORM, applies: true },
      };
    default:
      // A status this version does not know yet (a newer server): the resume is still reachable.
      return {
        ...base,
        tag: null,
        title: '申请状态已更新',
        description: '请更新微信或重新打开小程序查看最新进度。',
        action: { text: '查看简历', url: RESUME_FORM, applies: false },
      };
  }
}

/** Status 2: the real-name check comes first, then the contract. */
function toBeSigned(s: EmStatusResponse): Omit<HomeView, 'company'> {
  const tag = { text: '待签约', type: 'warning' } as const;
  const title = '审核通过，请签署合同';
  if (s.verify_status === 2) {
    return {
      tag,
      title,
      description: '实名认证已通过。请查看合同内容，确认后手写签名。',
      problem: '',
      steps: { active: 1 },
      action: { text: '查看并签署合同', url: CONTRACT, applies: false },
    };
  }
  if (s.verify_status === 3) {
    return {
      tag,
      title,
      description: '签署合同前需要先通过实名认证。请核对姓名和身份证号后重新认证。',
      problem: `实名认证未通过：${s.verify_reason || '请稍后重试'}`,
      steps: { active: 0 },
      action: { text: '重新实名认证', url: REALNAME, applies: false },
    };
  }
  return {
    tag,
    title,
    description: s.verify_status === 1 ? '实名认证正在进行，请稍候刷新查看结果。' : '签署合同前需要先完成实名认证，用于确认是你本人签署。',
    problem: '',
    steps: { active: 0 },
    action: { text: '去实名认证', url: REALNAME, applies: false },
  };
}
