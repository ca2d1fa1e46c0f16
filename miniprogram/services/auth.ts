import type { WeixinLoginResponse } from '@shanqian/shared';
import { clearStoredExcept, getStored } from '../utils/storage';
import { renewSession } from './request';

/** POST /weixin/login with a fresh wx.login code. request.ts owns it because a 401 renews the session too. */
export function login(): Promise<WeixinLoginResponse> {
  return renewSession();
}

/** Forgets the session and everything the worker left on this phone; only "intro already read" stays. */
export function logout(): void {
  clearStoredExcept(['launch.introSeen']);
}

export function isLoggedIn(): boolean {
  return Boolean(getStored('auth.token'));
}
