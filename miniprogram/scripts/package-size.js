#!/usr/bin/env node
/**
 * The size of the main package and of each subpackage as WeChat counts them (every file the upload
 * carries), checked against our budget for the main package. Part of `npm run test:miniprogram`,
 * after `build:miniprogram` (miniprogram_npm belongs to the main package).
 *
 * .ts files count as the JavaScript DevTools makes of them (types stripped by swc, not minified,
 * so a little more than the upload). Left out, as project.config.json's packOptions leave them out
 * of the upload: specs, test/, scripts/, typings/, jest.config.js, tsconfig*.json, package.json.
 */
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..');
/** Our budget for the main package (README, section Mini-program): half of WeChat's hard limit of 2 MB. */
const MAIN_BUDGET = 1024 * 1024;
const WECHAT_LIMIT = 2 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', 'scripts', 'test', 'typings']);
const SKIP_FILES = /(\.spec\.ts|\.d\.ts|^jest\.config\.js|^tsconfig.*\.json|^package(-lock)?\.json)$/;

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : files(full);
    return SKIP_FILES.test(entry.name) ? [] : [full];
  });
}

function size(file) {
  if (!file.endsWith('.ts')) return fs.statSync(file).size;
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2020' },
    module: { type: 'commonjs' },
  });
  return Buffer.byteLength(code);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;

function report() {
  if (!fs.existsSync(path.join(ROOT, 'miniprogram_npm'))) {
    throw new Error('miniprogram_npm is missing: run `npm run build:miniprogram` first, or the main package is under-counted');
  }
  const { subpackages = [] } = JSON.parse(fs.readFileSync(path.join(ROOT, 'app.json'), 'utf8'));
  const roots = subpackages.map((s) => s.root.replace(/\/$/, ''));
  const totals = new Map([['main', 0], ...roots.map((root) => [root, 0])]);
  let npm = 0;
  for (const file of files(ROOT)) {
    const relative = path.relative(ROOT, file).split(path.sep).join('/');
    const owner = roots.find((root) => relative.startsWith(`${root}/`)) ?? 'main';
    const bytes = size(file);
    totals.set(owner, totals.get(owner) + bytes);
    if (relative.startsWith('miniprogram_npm/')) npm += bytes;
  }

  const main = totals.get('main');
  console.log('Mini-program package sizes (TypeScript counted as the JavaScript it compiles to, before minification):');
  const line = (name, bytes, note) => console.log(`  ${name.padEnd(20)}${kb(bytes)}  (${note})`);
  line('main package', main, `of which miniprogram_npm ${kb(npm).trim()}; budget ${MAIN_BUDGET / 1024} KB, WeChat limit ${WECHAT_LIMIT / 1024} KB`);
  for (const root of roots) line(`subpackage ${root}`, totals.get(root), `WeChat limit ${WECHAT_LIMIT / 1024} KB`);

  const over = [];
  if (main > MAIN_BUDGET) over.push(`the main package (${kb(main).trim()}) exceeds its budget of ${MAIN_BUDGET / 1024} KB`);
  for (const root of roots) if (totals.get(root) > WECHAT_LIMIT) over.push(`subpackage ${root} exceeds WeChat's limit of 2 MB`);
  if (over.length > 0) {
    console.error(`Package size check failed: ${over.join('; ')}`);
    process.exit(1);
  }
}

report();
