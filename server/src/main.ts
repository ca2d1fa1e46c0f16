import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger as NestLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from './app.factory';
import { ConfigurationError, loadAppConfig } from './config/load-app-config';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * On SIGTERM or SIGINT: stop accepting connections at once, let the requests in flight and the running
 * queue jobs finish, close the pools, exit 0; past `timeoutMs`, exit 1 anyway. Nest's own signal
 * handling (enableShutdownHooks) would keep accepting until the queue's jobs were done, since it
 * closes the HTTP server only after the beforeApplicationShutdown hooks. A second signal kills at once.
 */
function closeGracefullyOnSignals(app: NestExpressApplication, timeoutMs: number, logger: NestLogger): void {
  const server = app.getHttpServer();
  let closing = false;
  // A keep-alive connection busy at the signal would stay open, idle, after its answer and hold the close
  // up until the deadline: once closing, every finished answer closes the connections left idle.
  server.on('request', (_req: IncomingMessage, res: ServerResponse) =>
    res.once('finish', () => closing && setImmediate(() => server.closeIdleConnections())),
  );
  const close = (signal: NodeJS.Signals) => {
    closing = true;
    for (const s of SHUTDOWN_SIGNALS) process.removeListener(s, close);
    setTimeout(() => {
      logger.error(`still busy ${timeoutMs} ms after ${signal} (SHUTDOWN_TIMEOUT_MS): exiting anyway`);
      process.exit(1);
    }, timeoutMs);
    // Stops listening and closes the idle keep-alive connections.
    server.close();
    logger.log(`${signal}: no new connections; finishing requests and queue jobs (at most ${timeoutMs} ms)`);
    // The hooks (queue jobs, then the HTTP server's last connections, then the database and Redis pools).
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, close);
}

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const where = config.database.type === 'sqlite' ? config.database.path : config.database.type;
  const logger = new NestLogger('Bootstrap');
  closeGracefullyOnSignals(app, config.shutdownTimeoutMs, logger);
  if (config.production && !config.redisUrl) {
    logger.warn('REDIS_URL is not set: captcha answers, SMS codes and rate limits live in this process only, so run a single instance');
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`闪签云 server listening on http://${config.host}:${port} (database: ${where}, redis: ${config.redisUrl ? 'on' : 'off'})`);
}

void bootstrap();
