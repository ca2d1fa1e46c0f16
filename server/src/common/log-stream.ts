import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import { AppConfig } from '../config/app-config';

/**
 * Where the server's log lines go when no one else says: JSON lines on stdout (what log collectors
 * read), except for a person watching a terminal in development, who gets pino-pretty's colored lines,
 * formatted in process so that the last lines before an exit are not lost.
 */
export function stdoutLogStream({ production }: Pick<AppConfig, 'production'>, stdout: NodeJS.WriteStream = process.stdout): DestinationStream {
  if (production || !stdout.isTTY) return stdout;
  return pretty({ destination: stdout, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}
