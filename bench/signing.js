'use strict';
/**
 * The signing part of `npm run bench` (bench/run.js calls `run` on its database; `BENCH_ONLY=signing`
 * runs this part alone): signed contracts per second and the latency of `POST /sign` for a 10-page
 * contract, beside the time pdf-lib alone takes to load and save the same file, in the same run.
 *
 *   1. A server of its own, as run.js's setup server (development, info logs with DEV_EXPOSE_CODES=1,
 *      one loopback address per user) with a bootstrap admin. No TSA_URL: time-stamping would add a
 *      round trip to a time-stamp authority, not measured here. The local real-name provider.
 *   2. Back office: the admin logs in and uploads a 10-page contract template (made here with pdf-lib)
 *      for the first demo company.
 *   3. BENCH_SIGN_COUNT workers, each: login, SMS code, two ID photos, POST /employee (the resume
 *      applies to that company), approval by the admin with that contract, POST /verify/realname,
 *      GET /sign/contract (renders and stores the filled contract). Then, once 61 s have passed
 *      since the resumes' codes (one SMS per phone per 60 s), a new SMS code for each.
 *   4. Measured: POST /sign for every worker, BENCH_SIGN_CONCURRENCY at a time; each request's latency.
 *      BENCH_SIGN_CONCURRENCY more workers sign first, at the same concurrency, as a warm-up (not counted).
 *   5. Baseline, in this process: pdf-lib `PDFDocument.load` + `save` of one filled contract (the
 *      document POST /sign starts from, fetched through its preview link), BENCH_SIGN_COUNT times
 *      after PDF_LIB_WARMUPS warm-ups. It runs while the bench waits for the SMS interval, the server idle.
 */
const { performance } = require('node:perf_hooks');
const { PDFDocument, StandardFonts, rgb } = require('pdf-lib');
const {
  positive, log, sleep, stopChild, freePort, request, ok, png, multipart, startSetupServer, catalogLoader, userHeaders, loginUser, smsCode,
  postResume, explain, pool, printColumns, percentile,
} = require('./lib');

const ADMIN = { username: 'benchadmin', password: 'Bench-admin-pass-1' };
const ADMIN_PLATFORM = { 'X-platform-code': 'admin' };
const JSON_BODY = { 'Content-Type': 'application/json' };
/** Workers are users 1000…: other WeChat codes, phones, ID numbers and addresses than run.js's users in the same database. */
const FIRST_WORKER = 1000;
const TEMPLATE_PAGES = 10;
/** The server sends one SMS per phone per 60 s. */
const SMS_INTERVAL_MS = 61_000;
/** pdf-lib's first few dozen load+saves of a file run in slower JIT tiers (2-3× the settled time): warm it up first, as the server is. */
const PDF_LIB_WARMUPS = 20;

/** BENCH_SIGN_COUNT contracts (and workers), BENCH_SIGN_CONCURRENCY requests at a time. */
function settings() {
  return { count: positive('BENCH_SIGN_COUNT', 40), concurrency: positive('BENCH_SIGN_CONCURRENCY', 4) };
}

/** How long the signing part may take at most: start-up, the 61 s SMS interval, and a generous 3 s per worker (the warm-up ones too). */
const limitSeconds = ({ count, concurrency }) => 150 + 3 * (count + concurrency);

// ------------------------------------------------------------------ test data

const SENTENCES = [
  'The Employer engages the Employee for the position stated in the particulars, and the Employee accepts the engagement on the terms of this contract.',
  'Working hours are eight hours a day and forty hours a week; overtime is arranged only with the consent of the Employee and paid as the law requires.',
  'The Employer pays the monthly salary in money, on the fifteenth day of each month, into the bank account the Employee has named in writing.',
  'The Employer provides working conditions and protective equipment that meet the national standards for occupational safety and health.',
  'The Employee observes the rules of the workplace that have been made known to the Employee, and keeps the trade secrets of the Employer.',
  'Social insurance and the housing provident fund are paid by both parties in the shares set by the regulations of the place of work.',
  'Either party may end this contract by written notice thirty days in advance, or at once in the cases the Labour Contract Law provides for.',
  'Annual leave, statutory holidays, marriage leave, maternity leave and sick leave are granted as the national and local regulations provide.',
  'Training paid for by the Employer may come with a service period agreed in a separate written agreement, within the limits of the law.',
  'A dispute arising from this contract is first settled by consultation; failing that, either party may apply to the labour arbitration committee.',
  'Matters not covered by this contract are governed by the laws and regulations of the People’s Republic of China and the rules of the Employer.',
  'This contract takes effect when both parties have signed it, and each party keeps an electronic original of equal legal force.',
];
const ARTICLES = [
  'Parties and Term', 'Position and Place of Work', 'Working Hours and Rest', 'Remuneration', 'Social Insurance and Welfare',
  'Labour Protection', 'Rules of the Workplace', 'Change and Termination', 'Liability for Breach', 'Disputes and Final Provisions',
];

/**
 * A 10-page contract template: A4 pages of Latin text in Helvetica, one article a page of seven
 * paragraphs (roughly what a real labour contract carries), about 30 KB.
 */
async function contractTemplate() {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [width, height, margin, size, leading] = [595.28, 841.89, 64, 10, 13.5];
  const wrap = (text) => {
    const lines = [''];
    for (const word of text.split(' ')) {
      const candidate = lines[lines.length - 1] ? `${lines[lines.length - 1]} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > width - 2 * margin) lines.push(word);
      else lines[lines.length - 1] = candidate;
    }
    return lines;
  };
  doc.setTitle('Labour contract (benchmark template)');
  for (let p = 0; p < TEMPLATE_PAGES; p++) {
    const page = doc.addPage([width, height]);
    let y = height - margin;
    page.drawText(`Article ${p + 1}. ${ARTICLES[p]}`, { x: margin, y, size: 14, font: bold });
    y -= 28;
    for (let paragraph = 0; paragraph < 7; paragraph++) {
      // Four sentences a paragraph, picked so that no two paragraphs are the same.
      const text = [0, 1, 2, 3].map((s) => SENTENCES[(p * 7 + paragraph * 5 + s * 3) % SENTENCES.length]).join(' ');
      page.drawText(`${p + 1}.${paragraph + 1}`, { x: margin, y, size, font: bold });
      y -= leading;
      for (const line of wrap(text)) {
        page.drawText(line, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.1) });
        y -= leading;
      }
      y -= leading / 2;
    }
    page.drawText(`Page ${p + 1} of ${TEMPLATE_PAGES}`, { x: width / 2 - 24, y: margin / 2, size: 8, font });
  }
  return Buffer.from(await doc.save());
}

/** A handwritten-looking signature as the canvas exports it: 400×160, a dark stroke on white. */
function signaturePng() {
  return png(400, 160, (x, y) => {
    const stroke = 80 + 45 * Math.sin(x / 23) * Math.cos(x / 61);
    return Math.abs(y - stroke) < 2.5 && x > 20 && x < 380 ? [20, 24, 60] : [255, 255, 255];
  });
}

/** A name the local real-name check accepts (2 to 16 Chinese characters): 签约 and the digits of i. */
const chineseName = (i) => `签约${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;

// ------------------------------------------------------------------ figures

const round = (n) => Math.round(n * 10) / 10;

/** Per-operation figures of `times` (ms), over `wallMs` for all of them. */
function latencyFigures(times, wallMs) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    perSec: round(times.length / (wallMs / 1000)),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sorted.reduce((sum, t) => sum + t, 0) / sorted.length),
    minMs: round(sorted[0]),
    maxMs: round(sorted[sorted.length - 1]),
    wallMs: Math.round(wallMs),
  };
}

/** pdf-lib alone: load and save `bytes`, `n` times one after the other, after PDF_LIB_WARMUPS warm-ups. */
async function pdfLibLoadSave(bytes, n) {
  for (let k = 0; k < PDF_LIB_WARMUPS; k++) await (await PDFDocument.load(bytes)).save();
  const times = [];
  const start = performance.now();
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    await (await PDFDocument.load(bytes)).save();
    times.push(performance.now() - t0);
  }
  return { operations: n, warmups: PDF_LIB_WARMUPS, ...latencyFigures(times, performance.now() - start) };
}

/** The bytes behind a link the server answered (an absolute URL to itself), fetched with a plain GET. */
async function download(port, link, what) {
  const url = new URL(link);
  const res = await request(port, 'GET', url.pathname + url.search, { raw: true });
  if (res.status !== 200 || res.body.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${what}: HTTP ${res.status}, ${res.body.length} bytes, not a PDF`);
  return res.body;
}

const pageCount = async (bytes) => (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();

// ------------------------------------------------------------------ the run

/** Prepares the workers up to a signed-ready state, measures POST /sign and the pdf-lib baseline; answers the figures. */
async function run({ baseEnv, runId, settings: { count, concurrency } }) {
  const port = await freePort();
  log(`signing: starting its server (port ${port}); ${count} contracts at concurrency ${concurrency}, no TSA_URL`);
  const server = await startSetupServer('server (signing)', baseEnv, port, { ADMIN_BOOTSTRAP_USERNAME: ADMIN.username, ADMIN_BOOTSTRAP_PASSWORD: ADMIN.password });
  try {
    return await measureSigning(port, server, runId, count, concurrency);
  } catch (error) {
    throw new Error(explain(error, server));
  } finally {
    await stopChild(server);
  }
}

async function measureSigning(port, server, runId, count, concurrency) {
  // The back office: the admin, and the 10-page template for the first demo company, authorized to seal.
  const { token } = ok(await request(port, 'POST', '/admin/login', { headers: { ...ADMIN_PLATFORM, ...JSON_BODY }, body: JSON.stringify(ADMIN) }), 'POST /admin/login');
  const admin = { ...ADMIN_PLATFORM, Authorization: `Bearer ${token}` };
  // The first `concurrency` workers sign as a warm-up of the signing code; the others are measured.
  const all = await pool(concurrency + count, 8, (k) => loginUser(port, FIRST_WORKER + k, runId));
  const [warmups, workers] = [all.slice(0, concurrency), all.slice(concurrency)];
  const catalog = await catalogLoader(port)(userHeaders(all[0]));
  const company = catalog.companies[0];
  const template = await contractTemplate();
  const upload = multipart(
    { contract_name: `劳动合同（压测 ${TEMPLATE_PAGES} 页）`, contract_body: company.company_name.slice(0, 32), company_id: String(company.id), sign_year: '3' },
    [{ field: 'file', filename: 'contract.pdf', type: 'application/pdf', content: template }],
  );
  const contract = ok(await request(port, 'POST', '/admin/contracts', { headers: { ...admin, 'Content-Type': upload.contentType }, body: upload.body }), 'POST /admin/contracts');
  // No approval without the company's authorization to seal (the admin re-enters their password).
  const authorization = JSON.stringify({ enabled: true, password: ADMIN.password });
  ok(await request(port, 'POST', `/admin/companies/${company.id}/seal-authorization`, { headers: { ...admin, ...JSON_BODY }, body: authorization }), 'POST /admin/companies/:id/seal-authorization');
  log(`signing: contract template ${contract.id}, ${TEMPLATE_PAGES} pages, ${template.length} bytes; preparing ${all.length} workers (resume, approval, real-name check, filled contract)`);

  // Every worker up to the signing page. Their resumes all apply to that company.
  const oneCompany = { ...catalog, companies: [company] };
  await pool(all.length, 4, async (k) => {
    const worker = all[k];
    const headers = userHeaders(worker);
    worker.phone = (await postResume(port, server, worker, oneCompany, { real_name: chineseName(worker.i) })).phone;
    worker.codeSentBy = Date.now();
    const found = ok(await request(port, 'GET', `/admin/applications?keyword=${worker.phone}`, { headers: admin }), 'GET /admin/applications');
    if (!found.list.length) throw new Error(`GET /admin/applications?keyword=${worker.phone}: no application`);
    ok(
      await request(port, 'POST', `/admin/applications/${found.list[0].id}/approve`, {
        headers: { ...admin, ...JSON_BODY },
        body: JSON.stringify({ contract_id: contract.id, entry_date: '2026-12-01', salary: '6500.00' }),
      }),
      'POST /admin/applications/:id/approve',
    );
    const verdict = ok(await request(port, 'POST', '/verify/realname', { headers, body: '' }), 'POST /verify/realname');
    if (verdict.verify_status !== 2) throw new Error(`POST /verify/realname: verify_status ${verdict.verify_status} (${verdict.reason})`);
    worker.previewUrl = ok(await request(port, 'GET', '/sign/contract', { headers }), 'GET /sign/contract').preview_url;
  });

  // The baseline while the SMS interval runs out (the server is idle meanwhile).
  const filled = await download(port, workers[0].previewUrl, 'the filled contract (preview_url)');
  log(`signing: pdf-lib load + save of the filled contract (${filled.length} bytes), ${count} times`);
  const pdfLib = await pdfLibLoadSave(filled, count);
  const wait = Math.max(...all.map((w) => w.codeSentBy)) + SMS_INTERVAL_MS - Date.now();
  if (wait > 0) {
    log(`signing: waiting ${Math.ceil(wait / 1000)} s until each phone may have a new SMS code`);
    await sleep(wait);
  }
  await pool(all.length, 8, async (k) => {
    all[k].signCode = await smsCode(port, server, userHeaders(all[k]), all[k].phone);
  });

  // The measurement, after the warm-up.
  const signature = signaturePng();
  const signBody = (w) => multipart({ verify_code: w.signCode, agree: '1' }, [{ field: 'signature', filename: 'signature.png', type: 'image/png', content: signature }]);
  await pool(warmups.length, concurrency, async (k) => {
    const body = signBody(warmups[k]);
    ok(await request(port, 'POST', '/sign', { headers: { ...userHeaders(warmups[k]), 'Content-Type': body.contentType }, body: body.body }), 'POST /sign (warm-up)');
  });
  const bodies = workers.map(signBody);
  log(`signing: measuring POST /sign, ${count} contracts at concurrency ${concurrency}`);
  server.errors.clear();
  const times = [];
  const statusCodes = {};
  const refusals = [];
  let answer = null;
  const start = performance.now();
  await pool(count, concurrency, async (k) => {
    const t0 = performance.now();
    let outcome;
    try {
      const res = await request(port, 'POST', '/sign', { headers: { ...userHeaders(workers[k]), 'Content-Type': bodies[k].contentType }, body: bodies[k].body });
      outcome = res.status === 200 && res.body && res.body.status === 0 ? '200' : `${res.status}${res.body && res.body.status !== undefined ? ` (status ${res.body.status})` : ''}`;
      if (outcome === '200') answer = answer || res.body.data;
      else if (refusals.length < 5) refusals.push(`${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    } catch (error) {
      outcome = 'error';
      if (refusals.length < 5) refusals.push(error.message);
    }
    times.push(performance.now() - t0);
    statusCodes[outcome] = (statusCodes[outcome] || 0) + 1;
  });
  const sign = { requests: count, concurrency, ...latencyFigures(times, performance.now() - start), non200: count - (statusCodes['200'] || 0), statusCodes };
  sign.msPerContract = round(sign.wallMs / count);
  if (refusals.length) sign.refusals = refusals;
  if (server.errors.size) sign.serverErrors = Object.fromEntries(server.errors);
  if (sign.non200) {
    log(`WARNING POST /sign: ${sign.non200} answers other than 200 ${JSON.stringify(statusCodes)}`);
    for (const [message, n] of server.errors) log(`  ${n}× ${message}`);
    for (const refusal of refusals) log(`  e.g. ${refusal}`);
  }
  if (!answer) throw new Error(`POST /sign: no contract was signed ${JSON.stringify(statusCodes)}; e.g. ${refusals[0]}`);
  const signed = await download(port, answer.url, 'the signed contract (url)');

  const ratio = round(sign.p50Ms / pdfLib.p50Ms);
  const ratioPerContract = round(sign.msPerContract / pdfLib.p50Ms);
  return {
    serverLogLevel: 'info',
    tsa: false,
    template: { pages: TEMPLATE_PAGES, bytes: template.length },
    filled: { pages: await pageCount(filled), bytes: filled.length },
    signed: { pages: await pageCount(signed), bytes: signed.length },
    sign,
    pdfLib,
    ratio,
    ratioPerContract,
    reading: reading(ratio, ratioPerContract, sign, pdfLib),
  };
}

/** One line saying what the ratio is made of. */
function reading(ratio, ratioPerContract, sign, pdfLib) {
  const shared =
    sign.concurrency > 1
      ? `; ${sign.concurrency} requests at a time share the server's one event loop, so a request's latency includes waiting behind the others: ` +
        `per contract the server spends ${sign.msPerContract} ms (wall ÷ contracts), ${ratioPerContract}×`
      : '';
  return (
    `Reading: at p50 a signature takes ${ratio}× one pdf-lib load+save of the same file (${pdfLib.p50Ms} ms)${shared}. ` +
    'Beyond that load+save: the signing dates and the audit page with an embedded CJK font subset (a full save), an event certificate ' +
    "issued for the worker, then two incremental revisions (one parse each): the worker's signature with the handwriting PNG and the " +
    "employer's with its seal, each with SHA-256 and a CMS signature; storage and the database transaction."
  );
}

/** The signing section of the printed table. */
function print(result) {
  const { sign, pdfLib } = result;
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;
  console.log('');
  console.log(
    `Signing: POST /sign of a ${result.template.pages}-page contract, ${sign.requests} contracts at concurrency ${sign.concurrency}; ` +
      'no TSA_URL, so no time-stamp round trip (not measured)',
  );
  printColumns(
    ['what', 'per s', 'p50 ms', 'p99 ms', 'mean ms', 'non-200'],
    [
      ['POST /sign (signed contracts)', String(sign.perSec), String(sign.p50Ms), String(sign.p99Ms), String(sign.meanMs), String(sign.non200)],
      ['pdf-lib load+save, same file', String(pdfLib.perSec), String(pdfLib.p50Ms), String(pdfLib.p99Ms), String(pdfLib.meanMs), '—'],
    ],
  );
  console.log(`ratio = POST /sign p50 ÷ pdf-lib load+save p50: ${result.ratio.toFixed(1)}; per contract (wall ÷ contracts ÷ pdf-lib p50): ${result.ratioPerContract.toFixed(1)}`);
  console.log(
    `files: template ${kb(result.template.bytes)} (${result.template.pages} pages), filled ${kb(result.filled.bytes)} (${result.filled.pages} pages), ` +
      `signed ${kb(result.signed.bytes)} (${result.signed.pages} pages)`,
  );
  console.log(result.reading);
}

module.exports = { settings, limitSeconds, run, print };
