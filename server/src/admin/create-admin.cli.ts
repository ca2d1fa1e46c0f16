import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AppException } from '../common/app.exception';
import { loadAppConfig, passwordProblem } from '../config/load-app-config';
import { AdminAuthService } from './admin-auth.service';

/**
 * `npm run admin:create -- <username>`: creates a super admin in the configured database. The
 * password comes from ADMIN_PASSWORD or, when that is unset, from the first line of standard input,
 * so it never stands in the shell history.
 */
async function main(): Promise<void> {
  const username = process.argv[2];
  if (!username || !/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
    console.error('usage: npm run admin:create -- <username>   (password from ADMIN_PASSWORD or standard input)');
    process.exit(64);
  }
  const password = process.env.ADMIN_PASSWORD ?? (await readLine('password: '));
  // The service checks it too; here it is refused before the whole application boots for nothing.
  const weak = passwordProblem(password);
  if (weak) {
    console.error(weak);
    process.exit(65);
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadAppConfig(process.env)), { logger: ['error', 'warn'] });
  try {
    const admin = await app.get(AdminAuthService).createSuperAdmin(username, password);
    console.log(`super admin ${admin.username} created (id ${admin.id})`);
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    console.error(error.message);
    process.exitCode = 65;
  } finally {
    await app.close();
  }
}

async function readLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write(prompt);
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

void main();
