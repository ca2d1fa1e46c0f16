import { describeFeishuBridge } from '../../test/feishu-bridge.cases';
import { TEST_REDIS_URL } from '../../test/test-app';

/** With REDIS_URL the mirrors wait in BullMQ: the same flows, outage included. */
describe('Feishu Hire bridge with REDIS_URL', () => {
  describeFeishuBridge({ REDIS_URL: TEST_REDIS_URL });
});
