import { SIGNED_DOCUMENT, SIGN_STEPS } from '../../../pages/home/home-view';
import { getEmployee } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { signContract } from '../../../services/sign';
import { errorText, showError } from '../../../utils/feedback';
import { maskPhone } from '../../utils/format';
import { backHome } from '../../utils/routes';

/**
 * Step 3 of signing: the handwritten signature and the confirmation of intent (意愿确认), an SMS code
 * sent to the resume's phone. “同意并签署” sends both with agree=1. Whatever goes wrong, the drawing and
 * the code stay as they were: the worker fixes what the message says and taps again.
 */

/** The signature pad's methods the page calls (sign/components/signature-pad). */
interface SignaturePad {
  problem(): string | null;
  exportPng(): Promise<string>;
}

type Data = {
  steps: typeof SIGN_STEPS;
  /** The resume's phone, where the code goes; '' until loaded. */
  phone: string;
  phoneMasked: string;
  phoneFailed: boolean;
  code: string;
  /** The server's or our word about the code, under the code field. */
  codeError: string;
  submitting: boolean;
  /** Why signing is refused now (409: not approved, real-name not passed); '' when it is not. */
  blocked: string;
};

type Methods = {
  loadPhone(): Promise<void>;
  onCodeChange(event: WechatMiniprogram.CustomEvent<{ code: string }>): void;
  submit(): Promise<void>;
  backHome(): void;
};

const SMS_CODE = /^\d{6}$/;
/** The answers about the SMS code: wrong or expired (12002), too many wrong tries (12003). */
const CODE_ERRORS = [12002, 12003];
const CONFLICT = 409;

Component<Data, {}, Methods, [], {}, true>({
  data: {
    steps: SIGN_STEPS,
    phone: '',
    phoneMasked: '',
    phoneFailed: false,
    code: '',
    codeError: '',
    submitting: false,
    blocked: '',
  },
  methods: {
    onLoad() {
      void this.loadPhone();
    },

    async loadPhone() {
      this.setData({ phoneFailed: false });
      try {
        const { phone } = await getEmployee();
        this.setData({ phone, phoneMasked: maskPhone(phone) });
      } catch (error) {
        showError(error);
        this.setData({ phoneFailed: true });
      }
    },

    onCodeChange(event) {
      this.setData({ code: event.detail.code, codeError: '' });
    },

    async submit() {
      if (this.data.submitting) return;
      const pad = this.selectComponent('#signature-pad') as unknown as SignaturePad;
      const problem = pad.problem();
      if (problem) {
        wx.showToast({ title: problem, icon: 'none' });
        return;
      }
      const { code } = this.data;
      if (!SMS_CODE.test(code)) {
        this.setData({ codeError: code ? '验证码是 6 位数字' : '请先获取并填写短信验证码' });
        return;
      }
      this.setData({ submitting: true });
      wx.showLoading({ title: '正在签署…', mask: true });
      try {
        const signaturePath = await pad.exportPng();
        await signContract({ signaturePath, verifyCode: code });
        wx.hideLoading();
        wx.showToast({ title: '签署成功', icon: 'success' });
        // Signed: nothing of the signing steps should be one “back” away any more.
        wx.reLaunch({ url: SIGNED_DOCUMENT });
      } catch (error) {
        wx.hideLoading();
        if (error instanceof ApiError && error.httpStatus === CONFLICT) {
          this.setData({ blocked: error.message });
          return;
        }
        if (error instanceof ApiError && CODE_ERRORS.includes(error.status)) this.setData({ codeError: errorText(error) });
        showError(error);
      } finally {
        this.setData({ submitting: false });
      }
    },

    backHome,
  },
});
