import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

export const FAKE_WECHAT_APPID = 'wx_test_appid';
export const FAKE_WECHAT_SECRET = 'test_secret';

/**
 * A local stand-in for api.weixin.qq.com's jscode2session, speaking its documented answers.
 * Codes pick the behaviour: `invalid` 40029, `used` 40163, `quota` 45011, `busy` -1, `risky` 40226,
 * `slow` never answers in time, `down` answers HTTP 502; `u_…` also returns a unionid; any other
 * code logs in openid `o_<code>`, and `<code>.<n>` is a fresh code of that same person. Each code
 * works once, as WeChat's do.
 */
export class FakeWechatServer extends FakeHttpServer {
  private readonly usedCodes = new Set<string>();

  protected answer({ url }: ReceivedRequest): FakeAnswer {
    // WeChat answers JSON with a text/plain type.
    const reply = (body: object, status = 200): FakeAnswer => ({ body, status, contentType: 'text/plain' });
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 40066, errmsg: 'invalid url' });
    if (url.searchParams.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
    if (url.searchParams.get('appid') !== FAKE_WECHAT_APPID) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (url.searchParams.get('secret') !== FAKE_WECHAT_SECRET) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    const code = url.searchParams.get('js_code') ?? '';
    const errors: Record<string, [number, string]> = {
      invalid: [40029, 'invalid code'],
      quota: [45011, 'api minute-quota reach limit'],
      busy: [-1, 'system error'],
      risky: [40226, 'high risk user'],
    };
    if (errors[code]) return reply({ errcode: errors[code][0], errmsg: errors[code][1] });
    if (code === 'slow') return null; // the client's timeout has to end it
    if (code === 'down') return reply({ message: 'bad gateway' }, 502);
    if (this.usedCodes.has(code) || code === 'used') return reply({ errcode: 40163, errmsg: 'code been used' });
    this.usedCodes.add(code);
    return reply({
      openid: `o_${code.replace(/^u_/, '').split('.')[0]}`,
      session_key: 'c2Vzc2lvbl9rZXlfbmV2ZXJfbG9nZ2Vk',
      ...(code.startsWith('u_') ? { unionid: `un_${code.slice(2)}` } : {}),
    });
  }
}
