/**
 * Where the API lives, per the mini-program's version: DevTools and preview builds (develop) talk to
 * a server on the developer's machine; trial and release builds to the registered HTTPS domain
 * (request, uploadFile and downloadFile domains in the WeChat admin console, see README).
 */
type EnvVersion = WechatMiniprogram.MiniProgram['envVersion'];

const API_BASE_URLS: Record<EnvVersion, string> = {
  develop: 'http://127.0.0.1:3000',
  trial: 'https://api.shanqian.example.com',
  release: 'https://api.shanqian.example.com',
};

export function apiBaseUrl(): string {
  return API_BASE_URLS[wx.getAccountInfoSync().miniProgram.envVersion];
}

/** Timeouts sized for weak mobile networks: a resume form or a photo should not fail on a slow 3G link. */
export const REQUEST_TIMEOUT_MS = 20000;
export const UPLOAD_TIMEOUT_MS = 60000;

/** The platform code the server knows this client by (header X-platform-code). */
export const PLATFORM_CODE = 'wxmp';

/** Who answers privacy requests (shown on the privacy notice): the operator's, set before release (README). */
export const PRIVACY_CONTACT = { company: '闪签云运营方', email: 'privacy@shanqian.example.com' };

/**
 * The city name for X-city comes from Tencent Location Service's reverse geocoder (wx.getFuzzyLocation
 * gives coordinates only). Set `key` to a WebServiceAPI key of lbs.qq.com whose allowed mini-program is
 * this one, and register https://apis.map.qq.com as a request domain; with no key, X-city is not sent.
 */
export const CITY_LOOKUP = { url: 'https://apis.map.qq.com/ws/geocoder/v1/', key: '' };
