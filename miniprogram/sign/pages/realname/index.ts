import { getEmployee, getStatus } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { verifyRealname } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { CONTRACT, SIGN_STEPS } from '../../../pages/home/home-view';
import { maskIdNumber, type InfoRow } from '../../utils/format';
import { backHome } from '../../utils/routes';

/**
 * Step 1 of signing: the law wants to know who signs (《电子签名法》, 电子劳动合同订立指引). The resume's
 * name and ID number are checked against the authority's records, and with an optional selfie the face
 * against the ID photo. Passed → the contract; failed → the reason and another try (5 a day).
 */

/** What the page shows: the form, a check running, or one of its outcomes. */
type Phase = 'loading' | 'load-failed' | 'ready' | 'verifying' | 'in-progress' | 'passed' | 'failed' | 'limited';

type Data = {
  steps: typeof SIGN_STEPS;
  phase: Phase;
  /** Whose identity is checked: name and masked ID number, from the resume. */
  signer: InfoRow[];
  /** A front-camera photo for the face comparison; '' for the ID check alone. */
  selfiePath: string;
  /** Why the check failed, or why no more checks today. */
  reason: string;
};

type Methods = {
  load(): Promise<void>;
  takeSelfie(): void;
  removeSelfie(): void;
  verify(): Promise<void>;
  retry(): void;
  toContract(): void;
  backHome(): void;
};

/** VerifyStatus of shared/enums (a const enum is not available at runtime here). */
const VERIFY = { inProgress: 1, passed: 2, failed: 3 } as const;
const TOO_MANY_REQUESTS = 429;

/** The page a verify_status leads to ('ready' for 0: not checked yet). */
function phaseOf(verifyStatus: number): Phase {
  if (verifyStatus === VERIFY.passed) return 'passed';
  if (verifyStatus === VERIFY.failed) return 'failed';
  return verifyStatus === VERIFY.inProgress ? 'in-progress' : 'ready';
}

Component<Data, {}, Methods, [], {}, true>({
  data: {
    steps: SIGN_STEPS,
    phase: 'loading',
    signer: [],
    selfiePath: '',
    reason: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },

    async load() {
      this.setData({ phase: 'loading' });
      try {
        const [employee, status] = await Promise.all([getEmployee(), getStatus()]);
        this.setData({
          signer: [
            { label: '姓名', value: employee.real_name },
            { label: '身份证号', value: maskIdNumber(employee.id_number) },
          ],
          phase: phaseOf(status.verify_status),
          reason: status.verify_reason,
        });
      } catch (error) {
        showError(error);
        this.setData({ phase: 'load-failed' });
      }
    },

    takeSelfie() {
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['camera'],
        camera: 'front',
        sizeType: ['compressed'],
        success: ({ tempFiles }) => this.setData({ selfiePath: tempFiles[0].tempFilePath }),
        fail: ({ errMsg }) => {
          if (errMsg.includes('cancel')) return;
          // Most often the camera permission was refused; the check still works without a selfie.
          wx.showModal({
            title: '无法打开相机',
            content: '请在微信设置中允许使用摄像头，或不拍照直接开始认证。',
            showCancel: false,
            confirmText: '知道了',
          });
        },
      });
    },

    removeSelfie() {
      this.setData({ selfiePath: '' });
    },

    async verify() {
      if (this.data.phase === 'verifying') return;
      this.setData({ phase: 'verifying' });
      try {
        const result = await verifyRealname(this.data.selfiePath || undefined);
        this.setData({ phase: phaseOf(result.verify_status), reason: result.reason });
      } catch (error) {
        if (error instanceof ApiError && error.httpStatus === TOO_MANY_REQUESTS) {
          this.setData({ phase: 'limited', reason: error.message });
          return;
        }
        showError(error);
        this.setData({ phase: 'ready' });
      }
    },

    retry() {
      this.setData({ phase: 'ready', reason: '' });
    },

    toContract() {
      // The check is done: going back from the contract should not land here again.
      wx.redirectTo({ url: CONTRACT });
    },

    backHome,
  },
});
