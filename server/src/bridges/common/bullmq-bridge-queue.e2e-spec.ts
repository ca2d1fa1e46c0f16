import { bridgeQueueCases } from '../../test/bridge-queue.cases';
import { TEST_REDIS_URL } from '../../test/test-app';

/** With REDIS_URL: BullMQ on the Redis at 127.0.0.1:6379, under a key prefix of this test app's own. */
describe('bridge queue: BullMQ', () => bridgeQueueCases({ REDIS_URL: TEST_REDIS_URL }));
