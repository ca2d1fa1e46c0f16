import type { DemoData } from './demo-data';

/** Debian's Chromium, with the flags this machine needs (its closed network refuses Chrome's background calls). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** What the global setup hands every browser spec. */
export interface ConsoleFixture {
  baseUrl: string;
  wsEndpoint: string;
  demo: DemoData;
}

declare module 'vitest' {
  export interface ProvidedContext {
    console: ConsoleFixture;
  }
}
