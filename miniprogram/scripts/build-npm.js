#!/usr/bin/env node
/**
 * `npm run build:miniprogram`: builds miniprogram/miniprogram_npm/@vant/weapp with only the Vant
 * components some page or component uses, and the files those need, so the main package stays small.
 *
 * DevTools' own 构建 npm would copy the whole library, and cannot find it anyway: npm workspaces keep
 * node_modules at the repository root. Like 构建 npm, this takes the build named by the package's
 * `miniprogram` field (`lib`, ES5 CommonJS that old phones run as it is).
 *
 * Starting from every `usingComponents` entry `@vant/weapp/<name>/index` in app.json and the pages' and
 * components' .json files, it follows each copied file's references: a component's own
 * `usingComponents`, `require()` in .js and .wxs, `<wxs|import|include src>` in .wxml, `@import` in .wxss.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = '@vant/weapp';
const TARGET = path.join(ROOT, 'miniprogram_npm', PACKAGE);
/** Folders under miniprogram/ that hold no mini-program code. */
const SKIP_DIRS = new Set(['node_modules', 'miniprogram_npm', 'scripts', 'test', 'typings']);
const COMPONENT_FILES = ['.js', '.json', '.wxml', '.wxss'];

const packageJson = require.resolve(`${PACKAGE}/package.json`, { paths: [ROOT] });
const SOURCE = path.join(path.dirname(packageJson), require(packageJson).miniprogram);

/** Every .json file of the mini-program (app.json, pages, components). */
function jsonFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : jsonFiles(full);
    return entry.name.endsWith('.json') && !entry.name.startsWith('package') && !entry.name.startsWith('tsconfig') ? [full] : [];
  });
}

/** The component paths (`button/index`) of the package that the mini-program's own .json files use. */
function usedComponents() {
  const used = new Map();
  for (const file of jsonFiles(ROOT)) {
    const { usingComponents = {} } = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const value of Object.values(usingComponents)) {
      if (value.startsWith(`${PACKAGE}/`)) used.set(value.slice(PACKAGE.length + 1), path.relative(ROOT, file));
    }
  }
  return used;
}

/** The files of the package (relative to SOURCE) that `file` refers to. */
function references(file) {
  const text = fs.readFileSync(path.join(SOURCE, file), 'utf8');
  const dir = path.dirname(file);
  const relative = (ref) => ref.startsWith('.');
  const resolve = (ref) => path.normalize(path.join(dir, ref));
  const matches = (regex) => [...text.matchAll(regex)].map((m) => m[1]).filter(relative);
  switch (path.extname(file)) {
    case '.json':
      return Object.values(JSON.parse(text).usingComponents ?? {}).filter(relative).flatMap((ref) => componentFiles(resolve(ref)));
    case '.js':
      return matches(/require\(["']([^"']+)["']\)/g).map((ref) => resolve(ref.endsWith('.js') ? ref : `${ref}.js`));
    case '.wxs':
      return matches(/require\(["']([^"']+)["']\)/g).map(resolve);
    case '.wxml':
      return matches(/<(?:wxs|import|include)\b[^>]*\bsrc="([^"{]+)"/g).map(resolve);
    case '.wxss':
      return matches(/@import\s+["']([^"']+)["']/g).map(resolve);
    default:
      return [];
  }
}

/** The files that make up the component at `entry` (`button/index`). */
function componentFiles(entry) {
  return COMPONENT_FILES.map((ext) => entry + ext).filter((file) => fs.existsSync(path.join(SOURCE, file)));
}

function build() {
  const used = usedComponents();
  const files = new Set();
  const queue = [];
  for (const [entry, usedBy] of used) {
    const own = componentFiles(entry);
    if (own.length === 0) throw new Error(`${usedBy} uses ${PACKAGE}/${entry}, which ${PACKAGE} does not have`);
    queue.push(...own);
  }
  while (queue.length > 0) {
    const file = queue.pop();
    if (files.has(file)) continue;
    if (!fs.existsSync(path.join(SOURCE, file))) throw new Error(`${PACKAGE}: ${file} is referenced but missing`);
    files.add(file);
    queue.push(...references(file));
  }

  fs.rmSync(TARGET, { recursive: true, force: true });
  let bytes = 0;
  for (const file of files) {
    const to = path.join(TARGET, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(SOURCE, file), to);
    bytes += fs.statSync(to).size;
  }
  const names = [...used.keys()].map((entry) => path.dirname(entry)).sort();
  console.log(`miniprogram_npm/${PACKAGE}: ${names.length} components used (${names.join(', ')}), ${files.size} files, ${(bytes / 1024).toFixed(1)} KB`);
}

build();
