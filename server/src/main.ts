import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigurationError, loadAppConfig } from './config/load-app-config';

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
  if (config.production && !config.redisUrl) {
    logger.warn('REDIS_URL is not set: captcha answers, SMS codes and rate limits live in this process only, so run a single instance');
  }
  logger.log(`闪签云 server listening on http://${config.host}:${config.port} (database: ${where}, redis: ${config.redisUrl ? 'on' : 'off'})`);
}

void bootstrap();
