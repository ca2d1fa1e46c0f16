import { parseResidentId } from '../employee/id-number';
import { RealnameProvider, RealnameQuery, RealnameVerdict } from './realname-provider';

const CHINESE_NAME = /^[\u3400-\u9fff·]{2,16}$/;

/**
 * Development only (refused in production): the checks that need no authority — the ID number's
 * checksum, region and birth date, and a plausible Chinese name. It cannot compare faces.
 */
export class LocalRealnameProvider implements RealnameProvider {
  readonly name = 'local' as const;

  async check(query: RealnameQuery): Promise<RealnameVerdict> {
    const facts = parseResidentId(query.idNumber);
    if (typeof facts === 'string') return { passed: false, reason: `身份证号码无效：${facts}` };
    if (!CHINESE_NAME.test(query.name)) return { passed: false, reason: '姓名应为 2 到 16 个汉字' };
    return { passed: true };
  }
}
