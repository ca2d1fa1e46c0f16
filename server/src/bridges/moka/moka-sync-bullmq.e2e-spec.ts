import { mokaSyncCases } from '../../test/moka-sync.cases';
import { TEST_REDIS_URL } from '../../test/test-app';

describe('Moka bridge: HR staff and companies pushed through BullMQ on Redis', () => mokaSyncCases({ REDIS_URL: TEST_REDIS_URL }));
