import type { CaptchaJsonResponse, VerifyCodeRequest } from '@shanqian/shared';
import { request } from './request';

/** GET /captcha?format=json: the image as a data URL and its id (the mini-program keeps no cookies). */
export function getCaptcha(): Promise<CaptchaJsonResponse> {
  return request<CaptchaJsonResponse>({ method: 'GET', path: '/captcha', data: { format: 'json' }, auth: false });
}

/** POST /verifycode: sends the SMS code to `phone` once the captcha is answered. */
export async function sendSmsCode(body: VerifyCodeRequest): Promise<null> {
  await request<unknown>({ method: 'POST', path: '/verifycode', data: { ...body } });
  return null;
}
