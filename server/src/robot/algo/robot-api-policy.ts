import { isIP } from 'node:net';

/**
 * `robotApi` arrives from an RPA client, so the server must never call whatever address it names
 * (SSRF): the value is a path under one of the operator's bases (ROBOT_ALGO_BASE_URLS). A bare path
 * goes to the first base; a full URL must start with one of the bases, which is how a client picks
 * another. The comparison is on the text, before any URL parsing: nothing a parser would resolve
 * (`..`, `\`, `@`, numeric hosts) gets the chance to move the call elsewhere.
 */

/** Longer values are refused: no real path is this long, and the value is stored and logged. */
export const ROBOT_API_MAX_LENGTH = 512;

/**
 * Unreserved characters and percent escapes only: no `?`, `#`, `\`, `@`, spaces or controls, so the
 * path cannot carry a query, a fragment or anything a URL parser would read as another host.
 */
const PATH = /^(\/([A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*)+$/;
/** Escapes of `.`, `/`, `\` and `%`: a server decoding them could climb out of the base's path. */
const ESCAPED_SEPARATOR = /%(2e|2f|5c|25)/i;

export type RobotApiCheck = { ok: true; robotApi: string | null } | { ok: false; reason: string };

/**
 * The check at job registration. Absent or "" is the built-in script (robotApi null); a path or a
 * URL under a base is kept as given; anything else answers the reason, in words for the RPA vendor.
 */
export function checkRobotApi(value: unknown, bases: readonly string[]): RobotApiCheck {
  if (value === undefined || value === null || value === '') return { ok: true, robotApi: null };
  if (typeof value !== 'string') return refuse('应为字符串');
  if (value.length > ROBOT_API_MAX_LENGTH) return refuse(`不能超过 ${ROBOT_API_MAX_LENGTH} 个字符`);
  if (!bases.length) return refuse('本服务未配置算法后端（ROBOT_ALGO_BASE_URLS），请留空以使用内置话术');
  if (value.startsWith('/') && !value.startsWith('//')) {
    const problem = pathProblem(value);
    return problem ? refuse(problem) : { ok: true, robotApi: value };
  }
  const base = bases.find((candidate) => value.startsWith(`${candidate}/`));
  if (base) {
    const problem = pathProblem(value.slice(base.length));
    return problem ? refuse(problem) : { ok: true, robotApi: value };
  }
  return refuse(outsideReason(value));
}

/**
 * The address to call for a stored robotApi, checked again against today's bases (the operator may
 * have removed one since the job was registered); null when it is no longer allowed.
 */
export function robotApiUrl(robotApi: string, bases: readonly string[]): string | null {
  const check = checkRobotApi(robotApi, bases);
  if (!check.ok || !check.robotApi) return null;
  return check.robotApi.startsWith('/') ? `${bases[0]}${check.robotApi}` : check.robotApi;
}

/**
 * One entry of ROBOT_ALGO_BASE_URLS, normalized to `scheme://host[:port][/path]` without a trailing
 * slash (the form robotApi values are compared with). Private and loopback addresses are allowed
 * here: listing one is the operator's decision.
 */
export function algoBaseUrl(entry: string): { url: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return { problem: 'not a URL (e.g. https://algo.example.com/hunter)' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'only http and https are allowed' };
  if (url.username || url.password) return { problem: 'must not carry credentials' };
  if (url.search || url.hash || entry.includes('?') || entry.includes('#')) return { problem: 'takes a scheme, host[:port] and path only' };
  const path = url.pathname.replace(/\/+$/, '');
  // The parser has already resolved dot segments and their escapes: the entry as written is checked.
  if (pathProblem(path || '/') || ESCAPED_SEPARATOR.test(entry) || /\/\.{1,2}(\/|$)/.test(entry)) return { problem: 'its path may hold plain segments only (no .., no escapes of . / \\ %)' };
  return { url: `${url.origin}${path}` };
}

function refuse(detail: string): RobotApiCheck {
  return { ok: false, reason: `robotApi ${detail}` };
}

function pathProblem(path: string): string | null {
  if (!PATH.test(path)) return '只能是以 / 开头的路径，且只含字母、数字和 -._~ 等字符（不含 ?、#、\\、@、空格）';
  if (ESCAPED_SEPARATOR.test(path)) return '不能含有 . / \\ % 的转义（%2e、%2f、%5c、%25）';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return '不能含有 . 或 .. 路径段';
  return null;
}

/** Why a value outside every base is refused: the most specific reason first. */
function outsideReason(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '应为以 / 开头的路径，或以已配置的算法后端地址开头的完整地址';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '只允许 http 或 https 地址';
  if (url.username || url.password || /^[a-z]+:\/\/[^/]*@/i.test(value)) return '不能包含用户名或密码';
  // The parser has turned decimal, hex and octal forms (http://2130706433/) into dotted IPv4.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return `不能使用 IP 地址（${internalRange(host) ? '内网、回环或链路本地地址' : host}），除非运营方将其配置为算法后端`;
  if (/^localhost$|\.(localhost|local|internal|lan)$/i.test(host)) return '不能指向内网主机';
  return '不在已配置的算法后端地址之内（只能是其下的路径）';
}

/** Loopback, private, link-local, CGNAT, unspecified and their IPv6 counterparts (with IPv4-mapped ones). */
function internalRange(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return internalRange(mapped[1]);
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  return lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^::ffff:/.test(lower);
}
