import { bridgeQueueCases } from '../../test/bridge-queue.cases';

/** Without REDIS_URL: the queue is the bridge_job table (SQLite or MariaDB, per TEST_DB). */
describe('bridge queue: database outbox', () => bridgeQueueCases({}));
