import { getCaptcha, sendSmsCode } from '../../services/verification';
import { showError } from '../../utils/feedback';
import { getStored, setStored } from '../../utils/storage';
import { Countdown, secondsLeft } from './countdown';

/**
 * The phone check used by the resume form and by signing: a captcha image (tap to change it), then
 * “获取验证码” sends the SMS and locks itself for 60 s, then the 6-digit code. The parent gives the
 * phone and reads the code from the `change` event; a server error about the code comes back in `error`.
 */

/** The server allows one SMS per phone per 60 s. */
const RESEND_SECONDS = 60;
/** The server's rule for a mainland mobile number. */
const MOBILE = /^1[3-9]\d{9}$/;

type Props = {
  /** Where the code goes. */
  phone: StringConstructor;
  /** A message about the code from the server (wrong or expired code), shown under it. */
  error: StringConstructor;
};

type Data = {
  captchaId: string;
  captchaImage: string;
  captchaLoading: boolean;
  captchaCode: string;
  code: string;
  sending: boolean;
  /** Once a code was sent, the button says “重新获取”. */
  sent: boolean;
  secondsLeft: number;
};

type Methods = {
  refreshCaptcha(): Promise<void>;
  onCaptchaInput(event: WechatMiniprogram.BaseEvent & { detail: string }): void;
  onCodeInput(event: WechatMiniprogram.BaseEvent & { detail: string }): void;
  sendCode(): Promise<void>;
  resumeCountdown(): void;
};

type Custom = { countdown: Countdown };

Component<Data, Props, Methods, [], Custom>({
  options: { styleIsolation: 'shared' },
  properties: {
    phone: String,
    error: String,
  },
  data: {
    captchaId: '',
    captchaImage: '',
    captchaLoading: false,
    captchaCode: '',
    code: '',
    sending: false,
    sent: false,
    secondsLeft: 0,
  },
  lifetimes: {
    attached() {
      this.countdown = new Countdown((secondsLeft) => this.setData({ secondsLeft }));
      this.resumeCountdown();
      void this.refreshCaptcha();
    },
    detached() {
      this.countdown.stop();
    },
  },
  observers: {
    phone() {
      if (this.countdown) this.resumeCountdown();
    },
  },
  methods: {
    /** The server still refuses a new SMS for this phone: show the time left rather than let the worker hit a 429. */
    resumeCountdown() {
      const endsAt = getStored('sms.resendAt')?.[this.properties.phone] ?? 0;
      if (secondsLeft(endsAt, Date.now()) > 0) {
        this.setData({ sent: true });
        this.countdown.runUntil(endsAt);
      } else {
        this.countdown.stop();
        this.setData({ secondsLeft: 0 });
      }
    },

    async refreshCaptcha() {
      if (this.data.captchaLoading) return;
      this.setData({ captchaLoading: true });
      try {
        const { captcha_id: captchaId, image } = await getCaptcha();
        this.setData({ captchaId, captchaImage: image, captchaCode: '' });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ captchaLoading: false });
      }
    },

    onCaptchaInput(event) {
      this.setData({ captchaCode: event.detail.trim() });
    },

    onCodeInput(event) {
      const code = event.detail.trim();
      this.setData({ code });
      this.triggerEvent('change', { code });
    },

    async sendCode() {
      const { phone } = this.properties;
      const { captchaCode, captchaId, sending, secondsLeft } = this.data;
      if (sending || secondsLeft > 0) return;
      if (!MOBILE.test(phone)) {
        wx.showToast({ title: '请先填写正确的手机号', icon: 'none' });
        return;
      }
      if (!captchaCode) {
        wx.showToast({ title: '请先输入图形验证码', icon: 'none' });
        return;
      }
      this.setData({ sending: true });
      try {
        await sendSmsCode({ phone, captcha_code: captchaCode, captcha_id: captchaId });
        this.setData({ sent: true });
        const endsAt = this.countdown.start(RESEND_SECONDS);
        setStored('sms.resendAt', { ...getStored('sms.resendAt'), [phone]: endsAt });
        wx.showToast({ title: '验证码已发送', icon: 'success' });
        this.triggerEvent('sent', { phone });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ sending: false });
      }
      // A captcha answers one request, right or wrong: the next send needs a new one.
      await this.refreshCaptcha();
    },
  },
});
