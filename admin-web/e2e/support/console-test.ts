import type { AdminLoginResponse, EmStatusResponse } from '@shanqian/shared';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { AdminApi } from './api-clients';
import type { ConsoleFixture } from './console-fixture';
import { SUPER_ADMIN } from './console-server';
import { type HandlerKey, HR_PASSWORD, type SeededApplication } from './demo-data';

export type Who = 'super' | HandlerKey;

/** The console's localStorage key for the session (admin-web/src/api/session.ts). */
const SESSION_KEY = 'shanqian.console.session';

export function consoleFixture(): ConsoleFixture {
  return inject('console');
}

export function credentialsOf(who: Who): { username: string; password: string } {
  return who === 'super' ? SUPER_ADMIN : { username: consoleFixture().demo.handlers[who].username, password: HR_PASSWORD };
}

/** The back office's API as `who`, logged in: for arranging what a spec needs and checking what the browser did. */
export async function adminApi(who: Who): Promise<AdminApi & { session: AdminLoginResponse }> {
  const { username, password } = credentialsOf(who);
  const api = new AdminApi(consoleFixture().baseUrl);
  const session = await api.login(username, password);
  return Object.assign(api, { session });
}

/** The shared browser, connected once per spec file and let go after it. */
export function useBrowser(): () => Browser {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.connect(consoleFixture().wsEndpoint);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser;
}

/**
 * A fresh browser context at 1280×800, already signed in as `who` (the session put where the console
 * keeps it, as if the login page had run), on `path` of the console.
 */
export async function signedInPage(browser: Browser, who: Who, path = '/'): Promise<{ page: Page; context: BrowserContext; api: AdminApi }> {
  const { baseUrl } = consoleFixture();
  const api = await adminApi(who);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
    storageState: { cookies: [], origins: [{ origin: baseUrl, localStorage: [{ name: SESSION_KEY, value: JSON.stringify(api.session) }] }] },
  });
  const page = await context.newPage();
  await page.goto(consoleUrl(path));
  return { page, context, api };
}

export function consoleUrl(path = '/'): string {
  return `${consoleFixture().baseUrl}/console${path === '/' ? '/' : path}`;
}

export function applicant(name: string): SeededApplication {
  const found = consoleFixture().demo.applications.find((a) => a.name === name);
  if (!found) throw new Error(`no seeded applicant ${name}`);
  return found;
}

/** What the worker's mini-program shows: GET /em_status with the worker's own session. */
export async function workerStatus(application: SeededApplication): Promise<EmStatusResponse> {
  const response = await fetch(`${consoleFixture().baseUrl}/em_status`, { headers: { 'X-platform-code': 'wxmp', 'X-auth-token': application.workerToken } });
  const envelope = (await response.json()) as { status: number; data: EmStatusResponse };
  if (envelope.status !== 0) throw new Error(`em_status: ${JSON.stringify(envelope)}`);
  return envelope.data;
}
