'use strict';
/**
 * `npm run bench` (build first, then this): req/s and p99 latency of the built server on MariaDB,
 * beside a bare node:http + mysql2 server doing the same database reads (bench/baseline-server.js),
 * then the signing figure (bench/signing.js).
 *
 *   GET /em_status, GET /dict/Edu_Type   server and baseline
 *   PUT /employee                        server only (a full resume rewrite in one transaction)
 *   POST /sign                           server, beside pdf-lib loading and saving the same contract
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
 *      BENCH_CONNECTIONS connections, first against the server, then against the baseline;
 *   5. signing, on the same database with a server of its own: see bench/signing.js.
 * Prints a table and writes it as JSON to bench/results/latest.json. Traffic goes to 127.0.0.1 only.
 *
 * Environment: BENCH_MARIADB_URL (mariadb://root@127.0.0.1:3306), BENCH_DURATION (10 s),
 * BENCH_WARMUP (3 s), BENCH_CONNECTIONS (50); BENCH_SERVER_NODE_ARGS, node options for the measured
 * server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes; BENCH_ONLY
 * (`endpoints` or `signing`: only that part); BENCH_SIGN_COUNT (40), BENCH_SIGN_CONCURRENCY (4).
 */
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const mysql = require('mysql2/promise');
const {
  ROOT, SERVER_MAIN, PLATFORM, FORM, positive, log, sleep, children, startChild, stopChild, freePort, agent, request, ok, form,
  waitUntilListening, startSetupServer, catalogLoader, userHeaders, loginUser, postResume, explain, pool, gitCommit, printColumns,
} = require('./lib');
const signing = require('./signing');

const RESULTS = path.join(__dirname, 'results', 'latest.json');

const MARIADB_URL = (process.env.BENCH_MARIADB_URL || 'mariadb://root@127.0.0.1:3306').replace(/\/+$/, '');
const DURATION = positive('BENCH_DURATION', 10);
const WARMUP = positive('BENCH_WARMUP', 3, true);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
/** BENCH_ONLY: `endpoints` (the autocannon part), `signing`, or unset for both. */
const ONLY = process.env.BENCH_ONLY || null;
if (ONLY !== null && ONLY !== 'endpoints' && ONLY !== 'signing') throw new Error('BENCH_ONLY must be `endpoints` or `signing`');
const RUN_ENDPOINTS = ONLY !== 'signing';
const RUN_SIGNING = ONLY !== 'endpoints';
const SIGNING = signing.settings();
/** Nothing here may run longer than this; the run is cut short and cleaned up after it. */
const HARD_LIMIT_MS = ((RUN_ENDPOINTS ? 180 + 5 * 2 * (DURATION + WARMUP + 10) : 0) + (RUN_SIGNING ? signing.limitSeconds(SIGNING) : 0)) * 1000;

/** Submits the resume of a logged-in user (captcha, SMS code, two ID photos, POST) and keeps its PUT body; a failure is noted on the user. */
async function submitResume(port, server, user, catalogRef) {
  try {
    const headers = userHeaders(user);
    const body = await postResume(port, server, user, await catalogRef(headers));
    // The measured request: the same resume again, as a PUT (no SMS code while the phone is unchanged:
    // the field is sent empty, as a mini-program form sends an untouched input).
    const putBody = form({ ...body, verify_code: '' });
    ok(await request(port, 'PUT', '/employee', { headers: { ...headers, ...FORM }, body: putBody }), 'PUT /employee');
    user.putBody = putBody;
  } catch (error) {
    // A server error: add what the server logged about it.
    user.putError = explain(error, server);
  }
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
  printColumns(header, cells);
}

// ------------------------------------------------------------------ the endpoints part

/** Steps 2-4: the users, then autocannon against the server and the baseline. Answers the table rows and the user whose PUT failed, if any. */
async function measureEndpoints({ baseEnv, databaseUrl, runId, dbName, version }) {
  // 1. Setup: the server with info logs (captcha answers and SMS codes) and trusted loopback proxies.
  let port = await freePort();
  log(`database ${dbName} on MariaDB ${version}; starting the server for the setup (port ${port})`);
  let server = await startSetupServer('server (setup)', baseEnv, port);

  const catalogRef = catalogLoader(port);
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
  const baseline = startChild('baseline', path.join(__dirname, 'baseline-server.js'), { PATH: process.env.PATH, BASELINE_DATABASE_URL: databaseUrl, BASELINE_PORT: String(basePort) });
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
  await Promise.all([stopChild(server), stopChild(baseline)]);
  return { rows, putProblem };
}

// ------------------------------------------------------------------ main

async function main() {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${path.relative(ROOT, SERVER_MAIN)} is missing: run \`npm run build\` first (npm run bench does)`);
  const runId = randomBytes(4).toString('hex');
  const dbName = `shanqian_bench_${runId}`;
  const admin = await mysql.createConnection(MARIADB_URL.replace(/^mariadb:/, 'mysql:'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shanqian-bench-'));
  const cleanup = async () => {
    await Promise.allSettled([...children].map(stopChild));
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

    const endpoints = RUN_ENDPOINTS ? await measureEndpoints({ baseEnv, databaseUrl, runId, dbName, version }) : null;
    // 5. Signing, after the endpoints' servers have stopped. Its failure keeps the figures above.
    let signed = null;
    let signingError = null;
    if (RUN_SIGNING) {
      if (!endpoints) log(`database ${dbName} on MariaDB ${version}`);
      try {
        signed = await signing.run({ baseEnv, runId, settings: SIGNING });
      } catch (error) {
        if (!endpoints) throw error;
        signingError = error;
        log(`signing not measured: ${error.message}`);
      }
    }

    console.log('');
    if (endpoints) {
      const { rows, putProblem } = endpoints;
      console.log(`闪签云 benchmark, ${new Date().toISOString()}: ${CONNECTIONS} connections, ${DURATION} s each, ${os.cpus().length} cores, Node ${process.version}, MariaDB ${version}`);
      printTable(rows);
      console.log('ratio = server req/s ÷ baseline req/s (bare node:http + mysql2 doing the same database reads).');
      if (putProblem) console.log(`PUT /employee not measured: ${putProblem.putError}`);
    } else {
      console.log(`闪签云 benchmark, ${new Date().toISOString()}: signing only, ${os.cpus().length} cores, Node ${process.version}, MariaDB ${version}`);
    }
    if (signed) signing.print(signed);
    if (signingError) console.log(`\nSigning not measured: ${signingError.message}`);

    const notMeasured = endpoints && endpoints.putProblem ? { 'PUT /employee': endpoints.putProblem.putError } : {};
    if (signingError) notMeasured['POST /sign'] = signingError.message;
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(
      RESULTS,
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          commit: gitCommit(),
          machine: { cores: os.cpus().length, cpu: os.cpus()[0] && os.cpus()[0].model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, mariadb: version },
          settings: endpoints ? { connections: CONNECTIONS, durationSeconds: DURATION, warmupSeconds: WARMUP, serverLogLevel: 'warn', ...(ONLY ? { only: ONLY } : {}) } : { only: ONLY },
          results: endpoints ? endpoints.rows : [],
          notMeasured,
          ...(signed ? { signing: signed } : {}),
        },
        null,
        2,
      )}\n`,
    );
    log(`written ${path.relative(ROOT, RESULTS)}`);
    if (signingError) throw signingError;
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

