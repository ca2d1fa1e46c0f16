'use strict';
/**
 * `npm run bench` (build first, then this): req/s and p99 latency of the built server on MariaDB,
 * beside a bare node:http + mysql2 server doing the same database reads (bench/baseline-server.js).
 *
 *   GET /em_status, GET /dict/Edu_Type   server and baseline
 *   PUT /employee                        server only (a full resume rewrite in one transaction)
 *
 * Every connection is its own logged-in mini-program user with its own session token, unique key,
 * resume and phone. How:
 *   1. a fresh MariaDB database (dropped at the end) and a temporary DATA_DIR;
 *   2. the server (node server/dist/main.js) with LOG_LEVEL=info and DEV_EXPOSE_CODES=1, so that
 *      its JSON log lines give captcha answers and SMS codes; TRUST_PROXY=loopback lets each user
 *      come from its own loopback address (X-Forwarded-For 127.77.x.y) so the per-IP limits of
 *      login, captcha and SMS hold as for real users. Each user logs in, gets a captcha and an SMS
 *      code, uploads both ID photos and POSTs its resume (the first submission must be a POST;
 *      the repeats measured below are PUTs, which need no SMS code while the phone is unchanged);
 *   3. the server restarted on the same database with LOG_LEVEL=warn and default settings for the
 *      measurement (the baseline logs nothing either), and the baseline server started;
 *   4. autocannon, for each endpoint a short warm-up and then BENCH_DURATION seconds at
 *      BENCH_CONNECTIONS connections, first against the server, then against the baseline.
 * Prints a table and writes it as JSON to bench/results/latest.json. Traffic goes to 127.0.0.1 only.
 *
 * Environment: BENCH_MARIADB_URL (mariadb://root@127.0.0.1:3306), BENCH_DURATION (10 s),
 * BENCH_WARMUP (3 s), BENCH_CONNECTIONS (50); BENCH_SERVER_NODE_ARGS, node options for the measured
 * server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes.
 */
const { execFileSync, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const autocannon = require('autocannon');
const mysql = require('mysql2/promise');
// The built server's own ID-number rules (npm run bench builds first).
const { ageOn, checkCharacter } = require('../server/dist/employee/id-number.js');

const ROOT = path.resolve(__dirname, '..');
const SERVER_MAIN = path.join(ROOT, 'server', 'dist', 'main.js');
const RESULTS = path.join(__dirname, 'results', 'latest.json');

const MARIADB_URL = (process.env.BENCH_MARIADB_URL || 'mariadb://root@127.0.0.1:3306').replace(/\/+$/, '');
const DURATION = positive('BENCH_DURATION', 10);
const WARMUP = positive('BENCH_WARMUP', 3, true);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
/** Nothing here may run longer than this; the run is cut short and cleaned up after it. */
const HARD_LIMIT_MS = (180 + 5 * 2 * (DURATION + WARMUP + 10)) * 1000;

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

/** One request to 127.0.0.1:port; answers {status, headers, body} with the body parsed as JSON when it is. */
function request(port, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent, headers: { ...headers, ...(payload ? { 'Content-Length': payload.length } : {}) }, timeout: 15_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
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

/** A small real PNG (w×h, one colour), different for every user and side so no two uploads are equal. */
function png(width, height, [r, g, b]) {
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
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

function multipartFile(field, filename, type, content) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** An 18-digit resident ID number for a birth date (YYYY-MM-DD) and sex, checked by the server's own rules. */
function residentId(birthDate, male, sequence) {
  const order = String(((sequence % 500) * 2 + (male ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `110101${birthDate.replace(/-/g, '')}${order}`;
  return first17 + checkCharacter(first17);
}

/** The resume of user i: its own phone and ID number (one per person), everything else plausible. */
function resume(i, catalog, photos) {
  const birth = new Date(Date.UTC(1980, 0, 1) + i * 97 * 86_400_000).toISOString().slice(0, 10);
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

// ------------------------------------------------------------------ setup of the users

/** Each user comes from its own loopback address (the setup server trusts loopback proxies). */
const fromAddress = (i) => ({ ...PLATFORM, 'X-Forwarded-For': `127.77.${(i >> 8) & 255}.${i & 255}` });

/** Logs user i in: answers its session token and the unique key the first response issued. */
async function loginUser(port, i, runId) {
  const login = await request(port, 'POST', '/weixin/login', { headers: { ...fromAddress(i), ...FORM }, body: form({ code: `bench-${runId}-${i}` }) });
  const { session_token: token } = ok(login, 'POST /weixin/login');
  const uniqueKey = login.headers['x-unique-key'];
  if (!uniqueKey) throw new Error('POST /weixin/login answered no X-unique-key');
  return { i, token, uniqueKey, putBody: null, putError: null };
}

/** Submits the resume of a logged-in user (captcha, SMS code, two ID photos, POST) and keeps its PUT body; a failure is noted on the user. */
async function submitResume(port, server, user, catalogRef) {
  const i = user.i;
  const headers = { ...fromAddress(i), 'X-unique-key': user.uniqueKey, 'X-auth-token': user.token };
  try {
    const catalog = await catalogRef(headers);
    const phone = resume(i, catalog, { front: '', back: '' }).phone;
    // Captcha → SMS code, both read from the DEV_EXPOSE_CODES log lines.
    const captcha = ok(await request(port, 'GET', '/captcha?format=json', { headers }), 'GET /captcha');
    const issued = await server.waitFor((l) => l.event === 'captcha.issued' && l.captcha_id === captcha.captcha_id, 10_000, 'captcha.issued line');
    ok(
      await request(port, 'POST', '/verifycode', { headers: { ...headers, ...FORM }, body: form({ phone, captcha_code: issued.text, captcha_id: captcha.captcha_id }) }),
      'POST /verifycode',
    );
    const sms = await server.waitFor((l) => l.event === 'sms.sent' && l.phone === phone, 10_000, 'sms.sent line');
    // Both ID card photos.
    const photos = {};
    for (const [side, colour] of [['front', [i & 255, 90, 160]], ['back', [200, i & 255, 40]]]) {
      const upload = multipartFile('file', `${side}.png`, 'image/png', png(8, 8, colour));
      photos[side] = ok(await request(port, 'POST', '/image', { headers: { ...headers, 'Content-Type': upload.contentType }, body: upload.body }), 'POST /image').url;
    }
    const body = resume(i, catalog, photos);
    ok(await request(port, 'POST', '/employee', { headers: { ...headers, ...FORM }, body: form({ ...body, verify_code: sms.code }) }), 'POST /employee');
    // The measured request: the same resume again, as a PUT (no SMS code while the phone is unchanged:
    // the field is sent empty, as a mini-program form sends an untouched input).
    const putBody = form({ ...body, verify_code: '' });
    ok(await request(port, 'PUT', '/employee', { headers: { ...headers, ...FORM }, body: putBody }), 'PUT /employee');
    user.putBody = putBody;
  } catch (error) {
    // A server error: add what the server logged about it.
    const logged = [...server.lines].reverse().find((l) => l.level >= 50 && l.context === 'Exceptions');
    user.putError = error.message + (/HTTP 5\d\d/.test(error.message) && logged ? ` (server log: ${String(logged.msg).split('\n')[0]})` : '');
  }
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

// ------------------------------------------------------------------ measurement

/** One autocannon run; each connection k is user k (its own token, unique key and body). */
function cannon({ port, method, urlPath, users, keyOf, seconds, title }) {
  return new Promise((resolve, reject) => {
    let nextClient = 0;
    const refusals = [];
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}${urlPath}`,
        title,
        method,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 10,
        headers: { ...PLATFORM },
        setupClient(client) {
          const user = users[nextClient++ % users.length];
          // Keep what the first few refused requests were told.
          let lastStatus = 0;
          client.on('headers', (h) => (lastStatus = h.statusCode));
          client.on('body', (body) => {
            if ((lastStatus < 200 || lastStatus >= 300) && refusals.length < 5) refusals.push(`${lastStatus} ${body.toString('utf8').slice(0, 200)}`);
          });
          const headers = { ...PLATFORM, 'X-unique-key': keyOf(user), 'X-auth-token': user.token };
          // setRequests, not setRequest: the latter lasts one request only.
          if (method === 'PUT') client.setRequests([{ method, path: urlPath, headers: { ...headers, ...FORM }, body: user.putBody }]);
          else client.setHeaders(headers);
        },
      },
      (error, result) => (error ? reject(error) : resolve(Object.assign(result, { refusals }))),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false, outputStream: process.stderr });
  });
}

function figures(result) {
  return {
    reqPerSec: Math.round(result.requests.average * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    refusals: result.refusals && result.refusals.length ? result.refusals : undefined,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats || {}).map(([code, { count }]) => [code, Number(count)])),
  };
}

/** A warm-up run, then the measured one; `target` is the child process answering, whose logged server errors are kept. */
async function measure(name, target, run) {
  // autocannon stops with requests still in flight; the server finishes them after it has closed
  // the connections. Wait as long as its slowest answer took, so that a user's next request does
  // not overlap its previous one (a PUT would then meet its own version check).
  const settle = (result) => sleep(Math.min(10_000, Math.ceil(result.latency.max) + 500));
  if (target.exited) throw new Error(`${target.name} has exited (${target.exited.signal || `code ${target.exited.code}`})`);
  if (WARMUP > 0) await settle(await run(WARMUP, `${name} (warm-up)`));
  log(`measuring ${name} for ${DURATION} s at ${CONNECTIONS} connections`);
  target.errors.clear();
  const raw = await run(DURATION, name);
  if (target.exited) throw new Error(`${target.name} exited during "${name}" (${target.exited.signal || `code ${target.exited.code}`}):\n${target.tail.slice(-10).join('\n')}`);
  await settle(raw);
  const result = figures(raw);
  if (target.errors.size) result.serverErrors = Object.fromEntries(target.errors);
  if (result.non2xx || result.errors) {
    log(`WARNING ${name}: ${result.non2xx} non-2xx answers, ${result.errors} connection errors ${JSON.stringify(result.statusCodes)}`);
    for (const [message, count] of target.errors) log(`  ${count}× ${message}`);
    for (const refusal of result.refusals || []) log(`  e.g. ${refusal}`);
  }
  return result;
}

function printTable(rows) {
  const header = ['endpoint', 'req/s', 'p99 ms', 'baseline req/s', 'baseline p99 ms', 'ratio', 'non-2xx'];
  const cells = rows.map((r) => [
    r.endpoint,
    String(r.server.reqPerSec),
    String(r.server.p99Ms),
    r.baseline ? String(r.baseline.reqPerSec) : '—',
    r.baseline ? String(r.baseline.p99Ms) : '—',
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    String(r.server.non2xx + (r.baseline ? r.baseline.non2xx : 0)),
  ]);
  const width = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const widths = header.map((h, c) => Math.max(width(h), ...cells.map((row) => width(row[c]))));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell + ' '.repeat(widths[c] - width(cell)) : ' '.repeat(widths[c] - width(cell)) + cell)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

// ------------------------------------------------------------------ main

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return null;
  }
}

async function main() {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${path.relative(ROOT, SERVER_MAIN)} is missing: run \`npm run build\` first (npm run bench does)`);
  const runId = randomBytes(4).toString('hex');
  const dbName = `shanqian_bench_${runId}`;
  const admin = await mysql.createConnection(MARIADB_URL.replace(/^mariadb:/, 'mysql:'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanqian-bench-'));
  let server = null;
  let baseline = null;
  const cleanup = async () => {
    await Promise.allSettled([stopChild(server), stopChild(baseline)]);
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``).catch((e) => log(`could not drop ${dbName}: ${e.message}`));
    await admin.end().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    agent.destroy();
  };
  const hardLimit = setTimeout(() => {
    log(`still running after ${HARD_LIMIT_MS / 1000} s: stopping`);
    for (const state of children) state.child.kill('SIGKILL');
    cleanup().finally(() => process.exit(1));
  }, HARD_LIMIT_MS);
  hardLimit.unref();

  try {
    const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
    await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const databaseUrl = `${MARIADB_URL}/${dbName}`;
    const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME || os.tmpdir(), NODE_ENV: 'development', DATABASE_URL: databaseUrl, DATA_DIR: dataDir, HOST: '127.0.0.1' };

    // 1. Setup: the server with info logs (captcha answers and SMS codes) and trusted loopback proxies.
    let port = await freePort();
    log(`database ${dbName} on MariaDB ${version}; starting the server for the setup (port ${port})`);
    server = startChild('server (setup)', SERVER_MAIN, { ...baseEnv, PORT: String(port), DEV_EXPOSE_CODES: '1', LOG_LEVEL: 'info', TRUST_PROXY: 'loopback' });
    await waitUntilListening(port, server);

    let catalog = null;
    const catalogRef = async (headers) => {
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
    log(`preparing ${CONNECTIONS} users: login, captcha, SMS code, two ID photos, POST /employee`);
    const users = await pool(CONNECTIONS, 8, (i) => loginUser(port, i, runId));
    await pool(users.length, 8, (k) => submitResume(port, server, users[k], catalogRef));
    const putProblem = users.find((u) => u.putError);
    if (putProblem) log(`PUT /employee is left out: user ${putProblem.i}: ${putProblem.putError}`);
    await stopChild(server);

    // 2. Measurement: the server with warn logs and default settings, on the same database, and the baseline.
    port = await freePort();
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS || '').split(' ').filter(Boolean);
    server = startChild('server', SERVER_MAIN, { ...baseEnv, PORT: String(port), LOG_LEVEL: 'warn' }, nodeArgs);
    server.keepLines = false;
    await waitUntilListening(port, server);
    const basePort = await freePort();
    baseline = startChild('baseline', path.join(__dirname, 'baseline-server.js'), { PATH: process.env.PATH, BASELINE_DATABASE_URL: databaseUrl, BASELINE_PORT: String(basePort) });
    await baseline.waitFor((l) => typeof l.raw === 'string' && l.raw.startsWith('ready'), 15_000, '"ready" line');

    // The unique keys of the setup server lived in its memory: each user asks both servers for one,
    // and checks that both answer the same /em_status.
    await pool(users.length, 8, async (k) => {
      const user = users[k];
      const auth = { ...PLATFORM, 'X-auth-token': user.token };
      const own = await request(port, 'GET', '/em_status', { headers: auth });
      const base = await request(basePort, 'GET', '/em_status', { headers: auth });
      user.serverKey = own.headers['x-unique-key'];
      user.baselineKey = base.headers['x-unique-key'];
      const a = ok(own, 'GET /em_status (server)');
      const b = ok(base, 'GET /em_status (baseline)');
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`server and baseline disagree on /em_status: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      if (!putProblem && a.status !== 1) throw new Error(`user ${k}: /em_status status ${a.status} after POST /employee, expected 1`);
    });
    const sample = users[0];
    const dictServer = ok(await request(port, 'GET', '/dict/Edu_Type', { headers: { ...PLATFORM, 'X-unique-key': sample.serverKey, 'X-auth-token': sample.token } }), 'GET /dict/Edu_Type (server)');
    const dictBase = ok(await request(basePort, 'GET', '/dict/Edu_Type', { headers: { ...PLATFORM, 'X-unique-key': sample.baselineKey, 'X-auth-token': sample.token } }), 'GET /dict/Edu_Type (baseline)');
    if (JSON.stringify(dictServer) !== JSON.stringify(dictBase)) throw new Error('server and baseline disagree on /dict/Edu_Type');

    const rows = [];
    for (const [endpoint, urlPath] of [['GET /em_status', '/em_status'], ['GET /dict/Edu_Type', '/dict/Edu_Type']]) {
      const own = await measure(`${endpoint} (server)`, server, (seconds, title) => cannon({ port, method: 'GET', urlPath, users, keyOf: (u) => u.serverKey, seconds, title }));
      const base = await measure(`${endpoint} (baseline)`, baseline, (seconds, title) => cannon({ port: basePort, method: 'GET', urlPath, users, keyOf: (u) => u.baselineKey, seconds, title }));
      rows.push({ endpoint, server: own, baseline: base, ratio: Math.round((own.reqPerSec / base.reqPerSec) * 1000) / 1000 });
    }
    if (!putProblem) {
      const own = await measure('PUT /employee (server)', server, (seconds, title) => cannon({ port, method: 'PUT', urlPath: '/employee', users, keyOf: (u) => u.serverKey, seconds, title }));
      rows.push({ endpoint: 'PUT /employee', server: own, baseline: null, ratio: null });
    }

    console.log('');
    console.log(`闪签云 benchmark, ${new Date().toISOString()}: ${CONNECTIONS} connections, ${DURATION} s each, ${os.cpus().length} cores, Node ${process.version}, MariaDB ${version}`);
    printTable(rows);
    console.log('ratio = server req/s ÷ baseline req/s (bare node:http + mysql2 doing the same database reads).');
    if (putProblem) console.log(`PUT /employee not measured: ${putProblem.putError}`);

    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(
      RESULTS,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          commit: gitCommit(),
          machine: { cores: os.cpus().length, cpu: os.cpus()[0] && os.cpus()[0].model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, mariadb: version },
          settings: { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, serverLogLevel: 'warn' },
          results: rows,
          notMeasured: putProblem ? { 'PUT /employee': putProblem.putError } : {},
        },
        null,
        2,
      )}\n`,
    );
    log(`written ${path.relative(ROOT, RESULTS)}`);
  } finally {
    clearTimeout(hardLimit);
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`[bench] failed: ${error.stack || error.message}`);
    for (const state of children) state.child.kill('SIGKILL');
    process.exit(1);
  },
);
