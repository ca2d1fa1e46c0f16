import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { EmployeeResponse, SignedDocumentResponse } from '@shanqian/shared';
import { getEmployee } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { signContract } from '../../../services/sign';
import { getCaptcha } from '../../../services/verification';
import { showError } from '../../../utils/feedback';
import { fire, openPage as renderPage, text, type Rendered } from '../../../test/page-harness';

jest.mock('../../../services/employee');
jest.mock('../../../services/sign');
jest.mock('../../../services/verification');
jest.mock('../../../utils/feedback', () => ({ ...jest.requireActual('../../../utils/feedback'), showError: jest.fn() }));

const id = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../../..') });

/** A canvas 2d context that records what is drawn (jsdom renders nothing). */
function recordingCanvas(): { canvas: Record<string, unknown>; calls: string[] } {
  const calls: string[] = [];
  const context = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, name) => (name in target ? target[name] : (...args: unknown[]) => calls.push(`${String(name)}(${args.join(',')})`)),
    set: (target, name, value) => {
      target[name] = value;
      return true;
    },
  });
  return { canvas: { width: 0, height: 0, getContext: () => context }, calls };
}

type PadInstance = {
  onTouchStart(event: unknown): void;
  onTouchMove(event: unknown): void;
  onTouchEnd(): void;
};

async function openPage(): Promise<{ page: Rendered; pad: Rendered; pen: PadInstance; calls: string[]; canvas: Record<string, unknown> }> {
  const { canvas, calls } = recordingCanvas();
  // The pad finds its canvas node through a selector query, which the simulator cannot answer.
  const query = { select: () => query, fields: () => query, exec: (done: (results: unknown[]) => void) => done([{ node: canvas, width: 340, height: 180 }]) };
  const page = await renderPage(id, (rendered) => {
    (rendered.querySelector('#signature-pad')!.instance as unknown as { createSelectorQuery: () => unknown }).createSelectorQuery = () => query;
  });
  const pad = page.querySelector('#signature-pad') as Rendered;
  return { page, pad, pen: pad.instance as unknown as PadInstance, calls, canvas };
}

function write(pen: PadInstance, points: Array<[number, number]>): void {
  const touch = ([x, y]: [number, number]) => ({ touches: [{ identifier: 0, x, y }] });
  pen.onTouchStart(touch(points[0]));
  for (const point of points.slice(1)) pen.onTouchMove(touch(point));
  pen.onTouchEnd();
}

const NAME: Array<[number, number]> = [[20, 40], [60, 50], [100, 90], [160, 120]];

const signed: SignedDocumentResponse = {
  application_id: 42,
  application_no: 'SQ00000042',
  url: 'http://127.0.0.1:3000/image/7a?expires=1&sig=a',
  expires_in: 3600,
  sha256: 'e3'.repeat(32),
  signed_at: '2026-11-23T08:00:00.000Z',
  timestamp_at: null,
};

describe('signature page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    jest.mocked(getEmployee).mockResolvedValue({ phone: '13912345678' } as EmployeeResponse);
    jest.mocked(getCaptcha).mockResolvedValue({ captcha_id: 'c1', image: 'data:image/svg+xml;base64,AAA' });
    jest.spyOn(wx, 'showToast');
    jest.spyOn(wx, 'reLaunch');
    jest.spyOn(wx, 'canvasToTempFilePath').mockImplementation((options) => {
      options.success!({ tempFilePath: 'wxfile://signature.png', errMsg: 'canvasToTempFilePath:ok' });
      return undefined as never;
    });
  });

  it('sizes the canvas for the screen and tells where the code goes', async () => {
    const { page, canvas, calls } = await openPage();
    expect(canvas).toMatchObject({ width: 1020, height: 540 });
    expect(calls).toContain('scale(3,3)');
    expect(text(page)).toContain('请在框内用正楷签名');
    expect(text(page)).toContain('139****5678');
  });

  it('refuses an empty signature', async () => {
    const { page } = await openPage();
    await fire(page, '#sms-code', 'change', { code: '123456' });
    await fire(page, '#submit', 'click');
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先在框内签名' }));
    expect(signContract).not.toHaveBeenCalled();
  });

  it('asks for the SMS code before signing', async () => {
    const { page, pen } = await openPage();
    write(pen, NAME);
    await fire(page, '#submit', 'click');
    expect(page.data.codeError).toBe('请先获取并填写短信验证码');
    await fire(page, '#sms-code', 'change', { code: '12' });
    await fire(page, '#submit', 'click');
    expect(page.data.codeError).toBe('验证码是 6 位数字');
    expect(signContract).not.toHaveBeenCalled();
  });

  it('draws smooth strokes, clears, and undoes and redoes them', async () => {
    const { pad, pen, calls } = await openPage();
    write(pen, NAME);
    expect(calls).toEqual(expect.arrayContaining(['moveTo(20,40)', 'quadraticCurveTo(60,50,80,70)', 'lineTo(160,120)', 'stroke()']));
    expect(pad.data).toMatchObject({ empty: false, canUndo: true, canRedo: false });

    await fire(pad, '#clear', 'click');
    expect(pad.data).toMatchObject({ empty: true, canUndo: true });
    calls.length = 0;
    await fire(pad, '#undo', 'click');
    expect(pad.data.empty).toBe(false);
    // The strokes come back by being redrawn on a cleared canvas.
    expect(calls[0]).toBe('clearRect(0,0,340,180)');
    expect(calls).toContain('quadraticCurveTo(60,50,80,70)');
    await fire(pad, '#redo', 'click');
    expect(pad.data).toMatchObject({ empty: true, canRedo: false });
  });

  it('signs with the exported PNG and the code, then shows the document', async () => {
    jest.mocked(signContract).mockResolvedValue(signed);
    const { page, pen } = await openPage();
    write(pen, NAME);
    await fire(page, '#sms-code', 'change', { code: '123456' });
    await fire(page, '#submit', 'click');
    expect(wx.canvasToTempFilePath).toHaveBeenCalledWith(
      expect.objectContaining({ fileType: 'png', destWidth: 1020, destHeight: 540 }),
      expect.anything(),
    );
    expect(signContract).toHaveBeenCalledWith({ signaturePath: 'wxfile://signature.png', verifyCode: '123456' });
    expect(wx.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/sign/pages/document/index' }));
  });

  it('shows a wrong code on the code field and keeps the drawing for another try', async () => {
    const wrong = new ApiError(12002, 400, 'verify_code: 短信验证码错误或已过期');
    jest.mocked(signContract).mockRejectedValueOnce(wrong).mockResolvedValueOnce(signed);
    const { page, pad, pen } = await openPage();
    write(pen, NAME);
    await fire(page, '#sms-code', 'change', { code: '000000' });
    await fire(page, '#submit', 'click');
    expect(showError).toHaveBeenCalledWith(wrong);
    expect(page.data).toMatchObject({ codeError: '短信验证码错误或已过期', submitting: false });
    expect(pad.data).toMatchObject({ empty: false, canUndo: true });
    expect(wx.reLaunch).not.toHaveBeenCalled();

    await fire(page, '#sms-code', 'change', { code: '654321' });
    expect(page.data.codeError).toBe('');
    await fire(page, '#submit', 'click');
    expect(signContract).toHaveBeenLastCalledWith({ signaturePath: 'wxfile://signature.png', verifyCode: '654321' });
    expect(wx.reLaunch).toHaveBeenCalled();
  });

  it('explains a refusal to sign (409) and leads home', async () => {
    jest.mocked(signContract).mockRejectedValue(new ApiError(17004, 409, '当前不能签署合同：请先完成实名认证'));
    const { page, pen } = await openPage();
    write(pen, NAME);
    await fire(page, '#sms-code', 'change', { code: '123456' });
    await fire(page, '#submit', 'click');
    expect(page.querySelector('#blocked')).toBeTruthy();
    expect(text(page)).toContain('请先完成实名认证');
    expect(page.querySelector('#submit')).toBeFalsy();
    await fire(page, '#home', 'click');
    expect(wx.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
  });
});
