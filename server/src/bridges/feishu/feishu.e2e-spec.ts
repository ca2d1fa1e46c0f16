import { describeFeishuBridge } from '../../test/feishu-bridge.cases';

/** Without REDIS_URL the mirrors wait in the database outbox (table bridge_job). */
describe('Feishu Hire bridge', () => {
  describeFeishuBridge();
});
