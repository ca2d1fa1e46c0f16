import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { setupApiDocs } from './common/api-docs';
import { corsForListedOrigins, noStoreByDefault, securityHeaders } from './common/http-hardening';
import { AppConfig } from './config/app-config';
import { CONSOLE_PATH, serveConsole } from './console/console-static';

/** The configured application, not yet listening: used by main.ts, the tests and the benchmark alike. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Before every route and middleware, so that refusals and preflights carry them too.
  app.use(securityHeaders(), noStoreByDefault);
  // The HR console, when built; the API does not depend on it.
  if (config.consoleDir) app.use(CONSOLE_PATH, serveConsole(config.consoleDir));
  app.enableCors(corsForListedOrigins(config.corsOrigins));
  setupApiDocs(app, config);
  return app;
}
