import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { ApiError } from '../../services/request';
import { getCaptcha, sendSmsCode } from '../../services/verification';
import { showError } from '../../utils/feedback';
import { fire, memoryStorage, type Rendered } from '../../test/page-harness';

jest.mock('../../services/verification');
jest.mock('../../utils/feedback');

const id = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../..') });

async function renderField(phone: string): Promise<Rendered> {
  const field = simulate.render(id, { phone });
  field.attach(document.createElement('parent-wrapper'));
  await simulate.sleep(0);
  return field;
}

describe('sms-code-field', () => {
  let captchas = 0;

  beforeEach(() => {
    jest.clearAllMocks();
    memoryStorage();
    jest.spyOn(wx, 'showToast');
    jest.mocked(getCaptcha).mockImplementation(async () => {
      captchas += 1;
      return { captcha_id: `c${captchas}`, image: `data:image/svg+xml;base64,${captchas}` };
    });
  });

  it('shows a captcha at once and a new one on tap', async () => {
    const field = await renderField('13912345678');
    expect(field.data.captchaImage).toMatch(/^data:image\/svg\+xml/);
    const first = field.data.captchaId;
    await fire(field, '#captcha-image', 'tap');
    expect(field.data.captchaId).not.toBe(first);
    expect(getCaptcha).toHaveBeenCalledTimes(2);
  });

  it('asks for a valid phone and the captcha before sending', async () => {
    const field = await renderField('1391234');
    await fire(field, '#send-button', 'click');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先填写正确的手机号' }));
    field.setData({ phone: '13912345678' });
    await fire(field, '#send-button', 'click');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先输入图形验证码' }));
    expect(sendSmsCode).not.toHaveBeenCalled();
  });

  it('sends the code with the captcha, locks the button for 60 s and takes a fresh captcha', async () => {
    jest.mocked(sendSmsCode).mockResolvedValue(null);
    const field = await renderField('13912345678');
    const trigger = jest.spyOn(field.instance, 'triggerEvent');
    const captchaId = field.data.captchaId;
    await fire(field, '#captcha-input', 'change', ' k7mx ');
    await fire(field, '#send-button', 'click');
    expect(sendSmsCode).toHaveBeenCalledWith({ phone: '13912345678', captcha_code: 'k7mx', captcha_id: captchaId });
    expect(trigger).toHaveBeenCalledWith('sent', { phone: '13912345678' });
    expect(field.data.secondsLeft).toBe(60);
    expect(field.querySelector('#send-button')!.dom!.textContent).toBe('60 秒后可重发');
    expect(field.data.captchaId).not.toBe(captchaId);
    expect(field.data.captchaCode).toBe('');
    // A second tap while locked sends nothing.
    await fire(field, '#captcha-input', 'change', 'abcd');
    await fire(field, '#send-button', 'click');
    expect(sendSmsCode).toHaveBeenCalledTimes(1);
    field.detach();
  });

  it('keeps the lock when the worker leaves the page and comes back within the minute', async () => {
    jest.mocked(sendSmsCode).mockResolvedValue(null);
    const first = await renderField('13912345678');
    await fire(first, '#captcha-input', 'change', 'k7mx');
    await fire(first, '#send-button', 'click');
    first.detach();

    const again = await renderField('13912345678');
    expect(again.data.secondsLeft).toBeGreaterThan(55);
    expect(again.querySelector('#send-button')!.dom!.textContent).toMatch(/^\d+ 秒后可重发$/);
    again.detach();
    const otherPhone = await renderField('13700000000');
    expect(otherPhone.data.secondsLeft).toBe(0);
    otherPhone.detach();
  });

  it('shows a refused send in plain words and offers a new captcha', async () => {
    jest.mocked(sendSmsCode).mockRejectedValue(new ApiError(12001, 400, '图形验证码错误或已过期，请刷新后重试'));
    const field = await renderField('13912345678');
    await fire(field, '#captcha-input', 'change', 'zzzz');
    await fire(field, '#send-button', 'click');
    expect(showError).toHaveBeenCalledWith(expect.objectContaining({ status: 12001 }));
    expect(field.data.secondsLeft).toBe(0);
    expect(field.data.sending).toBe(false);
    expect(getCaptcha).toHaveBeenCalledTimes(2);
  });

  it('hands the typed code to the page', async () => {
    const field = await renderField('13912345678');
    const trigger = jest.spyOn(field.instance, 'triggerEvent');
    await fire(field, '#code-input', 'change', ' 123456');
    expect(trigger).toHaveBeenCalledWith('change', { code: '123456' });
  });
});
