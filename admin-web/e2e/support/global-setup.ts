import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { startConsoleServer } from './console-server';
import { seedDemoData } from './demo-data';
import { CHROMIUM_ARGS, CHROMIUM_PATH, type ConsoleFixture } from './console-fixture';

/**
 * One server and one browser for all the browser specs: the built server started as `npm start`
 * starts it, on the embedded database, seeded through the real APIs; Debian's Chromium, launched once
 * (each spec file connects and opens contexts of its own).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startConsoleServer();
  const browserServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const demo = await seedDemoData(server);
    project.provide('console', { baseUrl: server.baseUrl, wsEndpoint: browserServer.wsEndpoint(), demo } satisfies ConsoleFixture);
  } catch (error) {
    await Promise.all([browserServer.close(), server.stop()]);
    throw error;
  }
  return async () => {
    await Promise.all([browserServer.close(), server.stop()]);
  };
}
