'use strict';
/**
 * What the parts of `npm run bench` share (bench/run.js, bench/signing.js): child processes whose
 * JSON log lines can be waited for, a small HTTP client, the server started for a setup (captcha
 * answers and SMS codes in its log, one loopback address per user), users with their resumes, test
 * data (PNGs, multipart bodies, resident ID numbers), a bounded task pool and a table printer.
 */
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const zlib = require('node:zlib');
// The built server's own ID-number rules (npm run bench builds first).
const { ageOn, checkCharacter } = require('../server/dist/employee/id-number.js');

const ROOT = path.resolve(__dirname, '..');
const SERVER_MAIN = path.join(ROOT, 'server', 'dist', 'main.js');

const PLATFORM = { 'X-platform-code': 'wxmp' };

function positive(name, fallback, zeroOk = false) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) throw new Error(`${name} must be a whole number${zeroOk ? '' : ' above 0'}`);
  return n;
}

const log = (message) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ child processes

const children = new Set();

/** A child node process whose stdout lines are kept (JSON parsed when they are JSON) and can be waited for. */
function startChild(name, script, env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { name, child, lines: [], tail: [], waiters: [], errors: new Map(), exited: null };
  children.add(state);
  let buffered = '';
  const keepTail = (line) => {
    state.tail.push(line);
    if (state.tail.length > 40) state.tail.shift();
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line.trim()) continue;
      keepTail(line);
      let parsed;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = { raw: line };
      }
      if (state.keepLines !== false) state.lines.push(parsed);
      // Server errors (5xx) are counted by their first line, to say why a measurement saw them.
      if (parsed.level >= 50 && typeof parsed.msg === 'string' && parsed.context === 'Exceptions') {
        const first = parsed.msg.split('\n')[0];
        state.errors.set(first, (state.errors.get(first) || 0) + 1);
      }
      for (const waiter of [...state.waiters]) {
        if (waiter.match(parsed)) {
          state.waiters.splice(state.waiters.indexOf(waiter), 1);
          waiter.resolve(parsed);
        }
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => chunk.split('\n').filter(Boolean).forEach(keepTail));
  child.on('exit', (code, signal) => {
    state.exited = { code, signal };
    children.delete(state);
    for (const waiter of state.waiters.splice(0)) waiter.reject(new Error(`${name} exited (${signal || code})\n${state.tail.join('\n')}`));
  });
  /** The first log line, already seen or still to come, that `match` accepts. */
  state.waitFor = (match, timeoutMs = 10_000, what = 'log line') => {
    const seen = state.lines.find(match);
    if (seen) return Promise.resolve(seen);
    if (state.exited) return Promise.reject(new Error(`${name} has exited`));
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve, reject };
      state.waiters.push(waiter);
      setTimeout(() => {
        const i = state.waiters.indexOf(waiter);
        if (i >= 0) {
          state.waiters.splice(i, 1);
          reject(new Error(`${name}: no ${what} within ${timeoutMs} ms`));
        }
      }, timeoutMs).unref();
    });
  };
  return state;
}

async function stopChild(state) {
  if (!state || state.exited) return;
  const exited = new Promise((resolve) => state.child.once('exit', resolve));
  state.child.kill('SIGTERM');
  const timer = setTimeout(() => state.child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------ HTTP client for the setup

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One request to 127.0.0.1:port; answers {status, headers, body} with the body parsed as JSON when it is (`raw`: the bytes as they came). */
function request(port, method, urlPath, { headers = {}, body, raw = false } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent, headers: { ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) }, timeout: 15_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (raw) return resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) });
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** The envelope's data of a successful answer, or an error naming the call. */
function ok(res, what) {
  if (res.status >= 200 && res.status < 300 && res.body && res.body.status === 0) return res.body.data;
  throw new Error(`${what}: HTTP ${res.status} ${typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)}`);
}

const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function waitUntilListening(port, state, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (state.exited) throw new Error(`${state.name} exited before listening (${state.exited.signal || state.exited.code}):\n${state.tail.join('\n')}`);
    try {
      await request(port, 'GET', '/');
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${state.name} did not listen on ${port} within ${timeoutMs} ms:\n${state.tail.join('\n')}`);
      await sleep(200);
    }
  }
}

// ------------------------------------------------------------------ test data

/**
 * A real PNG (8-bit RGB), w×h: `colour` is one [r, g, b] for the whole image (different for every
 * user and side, so that no two uploads are equal), or a function (x, y) → [r, g, b].
 */
function png(width, height, colour) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const pixelAt = typeof colour === 'function' ? colour : () => colour;
  const rowOf = (y) => {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then the pixels
    for (let x = 0; x < width; x++) row.set(pixelAt(x, y), 1 + x * 3);
    return row;
  };
  const rows = typeof colour === 'function' ? Array.from({ length: height }, (_, y) => rowOf(y)) : Array(height).fill(rowOf(0));
  const pixels = zlib.deflateSync(Buffer.concat(rows));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** A multipart/form-data body: text `fields` ({name: value}), then `files` ([{field, filename, type, content}]). */
function multipart(fields, files = []) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const parts = [
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    ...files.map(({ field, filename, type, content }) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), content, Buffer.from('\r\n')]),
    ),
  ];
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const multipartFile = (field, filename, type, content) => multipart({}, [{ field, filename, type, content }]);

/** An 18-digit resident ID number for a birth date (YYYY-MM-DD) and sex, checked by the server's own rules. */
function residentId(birthDate, male, sequence) {
  const order = String(((sequence % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `110101${birthDate.replace(/-/g, '')}${order}`;
  return first17 + checkCharacter(first17);
}

/**
 * The resume of user i: its own phone and ID number (one per person), everything else plausible.
 * Births run from 1980 in steps of 97 days and wrap after 25 years, so every i gives an adult.
 */
function resume(i, catalog, photos) {
  const birth = new Date(Date.UTC(1980, 0, 1) + ((i * 97) % 9131) * 86_400_000).toISOString().slice(0, 10);
  const male = i % 2 === 0;
  return {
    real_name: `压测用户${i}`,
    phone: `139${String(10_000_000 + i).slice(-8)}`,
    id_number: residentId(birth, male, i),
    age: String(ageOn(birth)),
    gender: male ? '1' : '2',
    nation: '汉族',
    marital_sts: String(1 + (i % 3)),
    political_sts: String(1 + (i % 3)),
    acct_type: String(i % 2),
    acct_prc_id: '410000',
    acct_prc_name: '河南省',
    acct_city_id: '410100',
    acct_city_name: '郑州市',
    acct_coy_id: '410102',
    acct_coy_name: '中原区',
    acct_addr: '建设路1号',
    province_id: '310000',
    province_name: '上海市',
    city_id: '310100',
    city_name: '上海市',
    county_id: '310115',
    county_name: '浦东新区',
    addr: `张江路${i + 1}号`,
    em_contact_name: '联系人',
    em_contact_phone: '13700000000',
    em_contact_relationship: '父母',
    id_card_front: photos.front,
    id_card_back: photos.back,
    company_id: String(catalog.companies[i % catalog.companies.length].id),
    ad_user_id: String(catalog.handlers[i % catalog.handlers.length].id),
    work_pos: catalog.positions[i % catalog.positions.length],
    employee_edu: JSON.stringify([{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }]),
    work_exp: JSON.stringify([{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' }]),
  };
}

// ------------------------------------------------------------------ the setup server and its users

/**
 * The server for a setup, on `port`: info logs with DEV_EXPOSE_CODES=1 (captcha answers and SMS
 * codes as JSON log lines) and TRUST_PROXY=loopback (each user comes from its own address); `env`
 * adds to or overrides that. Answers once it listens.
 */
async function startSetupServer(name, baseEnv, port, env = {}) {
  const server = startChild(name, SERVER_MAIN, { ...baseEnv, PORT: String(port), DEV_EXPOSE_CODES: '1', LOG_LEVEL: 'info', TRUST_PROXY: 'loopback', ...env });
  await waitUntilListening(port, server);
  return server;
}

/** A function answering the demo catalog (companies, handlers, positions), asked once with the first caller's headers. */
function catalogLoader(port) {
  let catalog = null;
  return async (headers) => {
    if (!catalog) {
      catalog = (async () => ({
        companies: ok(await request(port, 'GET', '/companies', { headers }), 'GET /companies'),
        handlers: ok(await request(port, 'GET', '/handlers', { headers }), 'GET /handlers'),
        positions: ok(await request(port, 'GET', '/work_pos', { headers }), 'GET /work_pos'),
      }))();
    }
    const value = await catalog;
    if (!value.companies.length || !value.handlers.length || !value.positions.length) throw new Error('no demo companies, handlers or positions');
    return value;
  };
}

/** Each user comes from its own loopback address (the setup server trusts loopback proxies). */
const fromAddress = (i) => ({ ...PLATFORM, 'X-Forwarded-For': `127.77.${(i >> 8) & 255}.${i & 255}` });

/** The headers of a logged-in user's requests. */
const userHeaders = (user) => ({ ...fromAddress(user.i), 'X-unique-key': user.uniqueKey, 'X-auth-token': user.token });

/** Logs user i in: answers its session token and the unique key the first response issued. */
async function loginUser(port, i, runId) {
  const login = await request(port, 'POST', '/weixin/login', { headers: { ...fromAddress(i), ...FORM }, body: form({ code: `bench-${runId}-${i}` }) });
  const { session_token: token } = ok(login, 'POST /weixin/login');
  const uniqueKey = login.headers['x-unique-key'];
  if (!uniqueKey) throw new Error('POST /weixin/login answered no X-unique-key');
  return { i, token, uniqueKey, putBody: null, putError: null };
}

/**
 * A new SMS code for `phone`, asked as the user (captcha, then POST /verifycode), both read from the
 * DEV_EXPOSE_CODES log lines. Only a line logged after the request counts: an earlier code of the
 * same phone is spent or replaced.
 */
async function smsCode(port, server, headers, phone) {
  const earlier = new Set(server.lines.filter((l) => l.event === 'sms.sent' && l.phone === phone));
  const captcha = ok(await request(port, 'GET', '/captcha?format=json', { headers }), 'GET /captcha');
  const issued = await server.waitFor((l) => l.event === 'captcha.issued' && l.captcha_id === captcha.captcha_id, 10_000, 'captcha.issued line');
  ok(
    await request(port, 'POST', '/verifycode', { headers: { ...headers, ...FORM }, body: form({ phone, captcha_code: issued.text, captcha_id: captcha.captcha_id }) }),
    'POST /verifycode',
  );
  const sms = await server.waitFor((l) => l.event === 'sms.sent' && l.phone === phone && !earlier.has(l), 10_000, 'sms.sent line');
  return sms.code;
}

/**
 * The first submission of a logged-in user's resume (SMS code, two ID photos, POST /employee);
 * `overrides` replace fields of resume(i). Answers the resume's fields, without the code.
 */
async function postResume(port, server, user, catalog, overrides = {}) {
  const i = user.i;
  const headers = userHeaders(user);
  const phone = overrides.phone || resume(i, catalog, { front: '', back: '' }).phone;
  const code = await smsCode(port, server, headers, phone);
  // Both ID card photos.
  const photos = {};
  for (const [side, colour] of [['front', [i & 255, 90, 160]], ['back', [200, i & 255, 40]]]) {
    const upload = multipartFile('file', `${side}.png`, 'image/png', png(8, 8, colour));
    photos[side] = ok(await request(port, 'POST', '/image', { headers: { ...headers, 'Content-Type': upload.contentType }, body: upload.body }), 'POST /image').url;
  }
  const body = { ...resume(i, catalog, photos), ...overrides };
  ok(await request(port, 'POST', '/employee', { headers: { ...headers, ...FORM }, body: form({ ...body, verify_code: code }) }), 'POST /employee');
  return body;
}

/** An error's message, with the first line of the last server error the child logged when the answer was a 5xx. */
function explain(error, server) {
  const logged = [...server.lines].reverse().find((l) => l.level >= 50 && l.context === 'Exceptions');
  return error.message + (/HTTP 5\d\d/.test(error.message) && logged ? ` (server log: ${String(logged.msg).split('\n')[0]})` : '');
}

/** Runs `task` for 0…n-1, at most `parallel` at once. */
async function pool(n, parallel, task) {
  const results = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, n) }, worker));
  return results;
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return null;
  }
}

/** Prints a table: the first column left-aligned, the others right-aligned; CJK characters count as two columns. */
function printColumns(header, cells) {
  const width = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = header.map((h, c) => Math.max(width(h), ...cells.map((row) => width(row[c]))));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell + ' '.repeat(widths[c] - width(cell)) : ' '.repeat(widths[c] - width(cell)) + cell)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

/** The p-th percentile (0-100, nearest rank) of numbers sorted ascending. */
function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

module.exports = {
  ROOT,
  SERVER_MAIN,
  PLATFORM,
  FORM,
  positive,
  log,
  sleep,
  children,
  startChild,
  stopChild,
  freePort,
  agent,
  request,
  ok,
  form,
  waitUntilListening,
  png,
  multipart,
  multipartFile,
  residentId,
  resume,
  startSetupServer,
  catalogLoader,
  fromAddress,
  userHeaders,
  loginUser,
  smsCode,
  postResume,
  explain,
  pool,
  gitCommit,
  printColumns,
  percentile,
};
