import { loadAppConfig } from '../../config/load-app-config';
import { algoBaseUrl, checkRobotApi, ROBOT_API_MAX_LENGTH, robotApiUrl } from './robot-api-policy';

const BASES = ['https://algo.example.com/hunter', 'http://10.0.0.5:8080'];

function reason(value: unknown, bases: readonly string[] = BASES): string {
  const check = checkRobotApi(value, bases);
  if (check.ok) throw new Error(`${String(value)} was accepted`);
  return check.reason;
}

describe('robotApi policy', () => {
  it('takes absent or "" as the built-in script, even without bases', () => {
    for (const value of [undefined, null, '']) expect(checkRobotApi(value, [])).toEqual({ ok: true, robotApi: null });
  });

  it('joins a path to the first base, and calls a full URL under any base as given', () => {
    expect(checkRobotApi('/chat/v1', BASES)).toEqual({ ok: true, robotApi: '/chat/v1' });
    expect(robotApiUrl('/chat/v1', BASES)).toBe('https://algo.example.com/hunter/chat/v1');
    expect(robotApiUrl('/vision/chat/receive/boss/v1', BASES)).toBe('https://algo.example.com/hunter/vision/chat/receive/boss/v1');
    // A private address the operator listed is allowed: that is their decision.
    expect(robotApiUrl('http://10.0.0.5:8080/chat', BASES)).toBe('http://10.0.0.5:8080/chat');
    expect(robotApiUrl('https://algo.example.com/hunter/v2/chat', BASES)).toBe('https://algo.example.com/hunter/v2/chat');
  });

  it('refuses any robotApi when no base is configured', () => {
    expect(reason('/chat', [])).toMatch(/未配置算法后端/);
  });

  it('refuses other hosts, including look-alikes of a base', () => {
    for (const value of [
      'https://evil.example.com/chat',
      'https://algo.example.com.evil.com/hunter/chat',
      'https://algo.example.com/hunterx/chat',
      'https://algo.example.com/other',
      'https://algo.example.com:8443/hunter/chat',
      'http://algo.example.com/hunter/chat',
    ]) {
      expect(reason(value)).toMatch(/不在已配置的算法后端地址之内/);
    }
    expect(reason('//evil.com/chat')).toMatch(/应为以 \/ 开头的路径/);
    expect(reason('chat/v1')).toMatch(/应为以 \/ 开头的路径/);
  });

  it('refuses other schemes', () => {
    for (const value of ['ftp://algo.example.com/hunter/x', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_INFO', 'javascript:alert(1)']) {
      expect(reason(value)).toMatch(/只允许 http 或 https/);
    }
  });

  it('refuses credentials in the URL, also when they make a base look like the user name', () => {
    expect(reason('https://user:pw@algo.example.com/hunter/chat')).toMatch(/用户名或密码/);
    expect(reason('https://algo.example.com@evil.com/hunter/chat')).toMatch(/用户名或密码/);
    // After a base, an @ is not a path character: the path check refuses it before any parser reads it.
    expect(reason('https://algo.example.com/hunter/@evil.com')).toMatch(/只能是以 \/ 开头的路径/);
  });

  it('refuses IP literals in every spelling, naming internal ranges as such', () => {
    for (const value of [
      'http://127.0.0.1/chat',
      'http://2130706433/chat',
      'http://0x7f000001/chat',
      'http://0177.0.0.1/chat',
      'http://0x7f.1/chat',
      'http://10.1.2.3/chat',
      'http://192.168.1.1/chat',
      'http://172.16.0.1/chat',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/chat',
      'http://0.0.0.0/chat',
      'http://[::1]/chat',
      'http://[fd00::1]/chat',
      'http://[fe80::1]/chat',
      'http://[::ffff:127.0.0.1]/chat',
      'http://[::ffff:7f00:1]/chat',
    ]) {
      expect(reason(value)).toMatch(/不能使用 IP 地址（内网、回环或链路本地地址）/);
    }
    expect(reason('http://8.8.8.8/chat')).toMatch(/不能使用 IP 地址（8\.8\.8\.8）/);
    expect(reason('http://[2001:db8::1]/chat')).toMatch(/不能使用 IP 地址/);
  });

  it('refuses internal host names', () => {
    for (const value of ['http://localhost/chat', 'http://LOCALHOST:3000/chat', 'http://metadata.google.internal/x', 'http://printer.local/x']) {
      expect(reason(value)).toMatch(/内网主机/);
    }
  });

  it('refuses paths that escape the base, plain or escaped', () => {
    for (const value of ['/../admin', '/chat/../../admin', '/./chat', 'https://algo.example.com/hunter/../admin']) {
      expect(reason(value)).toMatch(/\. 或 \.\. 路径段/);
    }
    for (const value of ['/%2e%2e/admin', '/%2E%2E/admin', '/chat%2f..%2fadmin', '/%252e%252e/admin', '/a%5c..%5cadmin']) {
      expect(reason(value)).toMatch(/转义/);
    }
  });

  it('refuses backslashes, queries, fragments, spaces and control characters in the path', () => {
    for (const value of ['/\\evil.com/chat', '/chat?next=http://evil.com', '/chat#x', '/chat v1', '/chat\r\nHost: evil.com', '/chat\t', '/%zz']) {
      expect(reason(value)).toMatch(/只能是以 \/ 开头的路径/);
    }
  });

  it('refuses values that are not text or longer than the limit', () => {
    expect(reason(42)).toMatch(/应为字符串/);
    expect(reason({ url: '/chat' })).toMatch(/应为字符串/);
    expect(reason(`/${'a'.repeat(ROBOT_API_MAX_LENGTH)}`)).toMatch(/不能超过 512 个字符/);
  });

  it('answers null for a stored robotApi whose base the operator has since removed', () => {
    expect(robotApiUrl('http://10.0.0.5:8080/chat', ['https://algo.example.com/hunter'])).toBeNull();
    expect(robotApiUrl('/chat', [])).toBeNull();
  });
});

describe('ROBOT_ALGO_BASE_URLS', () => {
  it('normalizes each base to scheme://host[:port][/path] without a trailing slash', () => {
    expect(algoBaseUrl('https://Algo.Example.com/hunter/')).toEqual({ url: 'https://algo.example.com/hunter' });
    expect(algoBaseUrl('http://10.0.0.5:8080')).toEqual({ url: 'http://10.0.0.5:8080' });
  });

  it('stops the start-up on a base that is not http(s), carries credentials, a query or dot segments', () => {
    const problems = (value: string) => {
      try {
        loadAppConfig({ DATA_DIR: '/nonexistent', DATA_KEY: Buffer.alloc(32, 1).toString('base64'), ROBOT_ALGO_BASE_URLS: value });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems('ftp://algo.example.com')).toMatch(/ROBOT_ALGO_BASE_URLS: ftp:\/\/algo\.example\.com: only http and https/);
    expect(problems('https://u:p@algo.example.com')).toMatch(/must not carry credentials/);
    expect(problems('https://algo.example.com/x?token=1')).toMatch(/scheme, host\[:port\] and path only/);
    expect(problems('https://algo.example.com/a/%2e%2e')).toMatch(/plain segments only/);
    expect(problems('algo.example.com')).toMatch(/not a URL/);
    expect(problems('https://algo.example.com/hunter, http://10.0.0.5:8080')).toBe('');
    expect(loadAppConfig({ DATA_DIR: '/nonexistent', DATA_KEY: Buffer.alloc(32, 1).toString('base64') }).robotAlgo).toEqual({ baseUrls: [], timeoutMs: 5000 });
  });
});
