import 'reflect-metadata';
import { systemClock } from '../common/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { CHAIN_BREAKS, checkChain } from './application-event-chain';
import { SignApplicationRepository } from './sign-application.repository';

/**
 * `npm run evidence:check -- <application id>`: recomputes the hash chain of an application's
 * events in the configured database (the server's environment variables) and prints its head and
 * whether it holds, or the first event where it breaks and why. Exit status 0 when it holds, 1 when
 * it is broken, 2 on a wrong argument, an unknown application or a database that cannot be read.
 *
 * It opens the DataSource alone (the one the TypeORM CLI uses, migrations not run): a check starts
 * none of the server's connections and pollers, and changes nothing.
 */
async function main(): Promise<number> {
  const id = Number(process.argv[2]);
  if (!/^\d{1,10}$/.test(process.argv[2] ?? '') || !Number.isSafeInteger(id) || id < 1) {
    console.error('usage: npm run evidence:check -- <application id>');
    return 2;
  }
  // Loaded here, not imported: the configuration is validated as it loads, and a refusal is a usage error.
  const { default: db } = await import('../database/data-source');
  await db.initialize();
  try {
    const applications = new SignApplicationRepository(db, new TransactionRunner(db, systemClock));
    if (!(await applications.findById(id))) {
      console.error(`application ${id} does not exist`);
      return 2;
    }
    const chain = checkChain(await applications.events(id));
    console.log(`application ${id}: ${chain.events} events`);
    console.log(`head: ${chain.head ?? '(no events)'}`);
    if (chain.brokenAt) {
      console.log(`BROKEN at event ${chain.brokenAt.eventId}: ${CHAIN_BREAKS[chain.brokenAt.reason]}`);
      return 1;
    }
    console.log('OK: every event matches its hash and follows the one before it');
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
