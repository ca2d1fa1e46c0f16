'use strict';
/**
 * The benchmark's yardstick: a bare node:http server that answers GET /em_status and
 * GET /dict/{item} with the same database reads as the real server (mysql2 pool of the same size,
 * the same SQL) and the same JSON envelope, and nothing else: no framework, no validation, no
 * logging. bench/run.js starts it as a child process:
 *
 *   BASELINE_DATABASE_URL=mysql://root@127.0.0.1:3306/db BASELINE_PORT=4000 node bench/baseline-server.js
 *
 * It prints one line `ready <port>` when it listens, and stops on SIGTERM.
 */
const http = require('node:http');
const { createHash, randomBytes } = require('node:crypto');
const mysql = require('mysql2/promise');

const url = process.env.BASELINE_DATABASE_URL;
const port = Number(process.env.BASELINE_PORT || 0);
if (!url) {
  console.error('BASELINE_DATABASE_URL is required');
  process.exit(2);
}

// As the server's TypeORM data source: mysql2 pool of 20, utf8mb4, UTC.
const pool = mysql.createPool({ uri: url.replace(/^mariadb:/, 'mysql:'), connectionLimit: 20, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });

const PLATFORM_CODES = new Set(['wxmp', 'admin']);
const UNIQUE_KEY = /^[0-9a-f]{32}$/;
const issuedKeys = new Set();

// The server's queries, as TypeORM writes them.
const SESSION_SQL =
  'SELECT `s`.`id` AS `id`, `s`.`user_id` AS `user_id` FROM `user_session` `s` WHERE `s`.`token_hash` = ? AND `s`.`expires_at` > ? LIMIT 1';
const EM_STATUS_SQL =
  'SELECT `u`.`verify_status` AS verify_status, `u`.`verify_reason` AS verify_reason, `a`.`status` AS status, `a`.`reason` AS reason, `c`.`company_name` AS company_name ' +
  'FROM `user_wechat` `u` LEFT JOIN `employee` `e` ON `e`.`user_id` = `u`.`id` LEFT JOIN `sign_apply` `a` ON `a`.`em_id` = `e`.`id` ' +
  'LEFT JOIN `company` `c` ON `c`.`id` = `a`.`company_id` WHERE `u`.`id` = ?';
const DICT_SQL =
  'SELECT `d`.`dict_key` AS `dict_key`, `d`.`dict_value` AS `dict_value` FROM `dictionary` `d` WHERE `d`.`dict_item` = ? AND `d`.`status` = 1 ORDER BY `d`.`sort` ASC, `d`.`id` ASC';

function send(res, httpStatus, status, msg, data) {
  const body = JSON.stringify({ status, msg, data });
  res.writeHead(httpStatus, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function authenticate(req) {
  const token = req.headers['x-auth-token'];
  if (!token) return null;
  const hash = createHash('sha256').update(String(token).trim()).digest('hex');
  const [rows] = await pool.query(SESSION_SQL, [hash, new Date()]);
  return rows.length ? rows[0].user_id : null;
}

async function handle(req, res) {
  // The protocol headers, as the server's first middleware checks them.
  const platform = req.headers['x-platform-code'];
  if (!platform) return send(res, 400, 10001, '缺少请求头 X-platform-code', null);
  if (!PLATFORM_CODES.has(platform)) return send(res, 403, 10002, '未知的平台', null);
  const key = String(req.headers['x-unique-key'] || '').toLowerCase();
  if (!UNIQUE_KEY.test(key) || !issuedKeys.has(key)) {
    const fresh = randomBytes(16).toString('hex');
    issuedKeys.add(fresh);
    res.setHeader('X-unique-key', fresh);
  }
  if (req.method !== 'GET') return send(res, 404, 10005, '接口不存在', null);

  const path = req.url.split('?')[0];
  const dict = /^\/dict\/([^/]+)$/.exec(path);
  if (path !== '/em_status' && !dict) return send(res, 404, 10005, '接口不存在', null);

  const userId = await authenticate(req);
  if (userId === null) return send(res, 401, 11002, '登录已失效，请重新登录', null);

  if (dict) {
    const item = decodeURIComponent(dict[1]);
    const [rows] = await pool.query(DICT_SQL, [item]);
    if (!rows.length) return send(res, 404, 14001, `字典 ${item} 不存在`, null);
    return send(res, 200, 0, '', rows.map((r) => ({ dict_key: r.dict_key, dict_value: r.dict_value })));
  }
  const [rows] = await pool.query(EM_STATUS_SQL, [userId]);
  const row = rows[0];
  return send(res, 200, 0, '', {
    reason: (row && row.reason) || '',
    company_name: (row && row.company_name) || '',
    status: (row && row.status) || 0,
    verify_status: (row && row.verify_status) || 0,
    verify_reason: (row && row.verify_reason) || '',
  });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, 10000, '服务器错误', null);
    else res.destroy();
  });
});
server.keepAliveTimeout = 65_000;

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${server.address().port}\n`);
});

process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
});
