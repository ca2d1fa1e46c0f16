import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RegisteredRoute } from './common/registered-routes';
import { appRoutes, routeName } from './test/app-routes';
import { startTestApp, TestApp } from './test/test-app';

const REPO = join(__dirname, '..', '..');
const SRC = join(REPO, 'server', 'src');
const ARCHITECTURE = join(REPO, 'docs', 'architecture.md');

/** Each controller class's file (repository-relative), found by its `export class` line wherever it has moved to. */
function controllerFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.controller.ts')) continue;
    const file = relative(REPO, join(SRC, entry)).split('\\').join('/');
    for (const [, name] of readFileSync(join(SRC, entry), 'utf8').matchAll(/^export (?:abstract )?class (\w+)/gm)) {
      if (files.has(name)) throw new Error(`controller ${name} is declared twice: ${files.get(name)} and ${file}`);
      files.set(name, file);
    }
  }
  return files;
}

interface TableRow {
  route: string;
  file: string;
}

/** The rows of the table under `## Routes` in docs/architecture.md: `| `METHOD /path` | `server/src/…` |`. */
function routeTable(): TableRow[] {
  const section = /^## Routes\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readFileSync(ARCHITECTURE, 'utf8'))?.[1];
  if (!section) throw new Error('docs/architecture.md has no "## Routes" section');
  return [...section.matchAll(/^\|\s*`([A-Z]+ \/[^`]*)`\s*\|\s*`([^`]+)`\s*\|/gm)].map(([, route, file]) => ({ route, file }));
}

/** `server/src/employee/employee.controller.ts` → `employee`; `/employee/prefill` → `employee`. */
const topFolder = (file: string) => file.split('/')[2];
const firstSegment = (route: RegisteredRoute) => route.path.split('/')[1];

describe('the code answering a URL is in the folder its first segment names, or docs/architecture.md says where', () => {
  let t: TestApp;
  let answers: { route: string; file: string | undefined; controller: string; inItsFolder: boolean }[];
  let table: TableRow[];

  beforeAll(async () => {
    t = await startTestApp();
    const files = controllerFiles();
    answers = appRoutes(t).map((route) => {
      const file = files.get(route.controller.name);
      return { route: routeName(route), file, controller: route.controller.name, inItsFolder: !!file && topFolder(file) === firstSegment(route) };
    });
    table = routeTable();
  });
  afterAll(() => t.close());

  it('finds the file of every controller', () => {
    expect(answers.length).toBeGreaterThanOrEqual(40);
    expect(answers.filter((a) => !a.file).map((a) => `${a.route}: no server/src/**/*.controller.ts exports class ${a.controller}`)).toEqual([]);
  });

  it('lists in the table, with its file, every route answered from another folder', () => {
    const listed = new Map(table.map((row) => [row.route, row.file]));
    const missing = answers.filter((a) => !a.inItsFolder && listed.get(a.route) !== a.file);
    // Ready to paste into the table.
    expect(missing.map((a) => `| \`${a.route}\` | \`${a.file}\` |`)).toEqual([]);
  });

  it('has no stale rows: each names a route that exists, the file that answers it, once', () => {
    const files = new Map(answers.map((a) => [a.route, a.file]));
    const stale = table.filter((row) => files.get(row.route) !== row.file).map((row) => `${row.route} → ${row.file}: ${files.has(row.route) ? `answered by ${files.get(row.route)}` : 'no such route'}`);
    expect(stale).toEqual([]);
    const routes = table.map((row) => row.route);
    expect(routes.filter((route, i) => routes.indexOf(route) !== i)).toEqual([]);
  });
});
