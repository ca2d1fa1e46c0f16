import { unescape } from 'node:querystring';

export const REDACTED = '[redacted]';

/**
 * Query parameters that are credentials or one-time codes: a file link's signature opens an ID card
 * photo for an hour. Our API spells them in lower case; any case is masked, to be safe.
 */
const SECRET_PARAMETERS = new Set(['sig', 'signature', 'token', 'access_token', 'auth_token', 'code', 'verify_code', 'sms_code', 'captcha', 'password', 'secret']);

/** `sig[]` and `sig[0]` are `sig` to a parser that reads brackets. */
const isSecret = (name: string): boolean => SECRET_PARAMETERS.has(name.toLowerCase().replace(/\[.*$/, ''));

/** A name decoded as Express's query parser (node:querystring) decodes it, which never throws on a malformed escape. */
const decodedName = (raw: string): string => unescape(raw.replace(/\+/g, ' '));

/**
 * The URL with the value of every secret parameter masked, each parameter judged by its decoded name
 * (`%73ig=` is `sig=` to the server). The path and every other parameter stay as the client sent them.
 */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  // Split on what any parser might take for a separator; the separators stay at the odd places.
  const parts = url.slice(start + 1).split(/([&;#])/);
  const masked = parts.map((part, i) => {
    const equals = part.indexOf('=');
    return i % 2 === 0 && equals >= 0 && isSecret(decodedName(part.slice(0, equals))) ? `${part.slice(0, equals + 1)}${REDACTED}` : part;
  });
  return url.slice(0, start + 1) + masked.join('');
}

/** The parsed query (names already decoded) with every secret parameter's value masked, at any depth. */
export function redactQuery(query: unknown): unknown {
  if (Array.isArray(query)) return query.map(redactQuery);
  if (!query || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, isSecret(name) ? REDACTED : redactQuery(value)]));
}

const REDACTED_HEADERS = ['x-auth-token', 'cookie', 'authorization'].map((h) => `req.headers["${h}"]`);

/** pino-http's `redact` and `serializers`: sessions, cookies and the secrets of a request's URL never reach the logs. */
export const logRedaction = {
  redact: { paths: [...REDACTED_HEADERS, 'res.headers["set-cookie"]'], censor: REDACTED },
  serializers: {
    req: (req: { url: string; query?: unknown }) => ({ ...req, url: redactUrl(req.url), query: redactQuery(req.query) }),
  },
};
