import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The rules of docs/architecture.md that a reader cannot check at a glance, checked on the source:
 * who may hold the DataSource, who writes the sign application, where the access rule lives.
 */
const ROOT = __dirname;

function sources(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'migrations' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const files = sources().map((path) => ({ path: relative(ROOT, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
const offenders = (rule: (file: { path: string; text: string }) => boolean) => files.filter(rule).map((file) => file.path);

describe('module boundaries', () => {
  it('reads the source it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.map((f) => f.path)).toContain('applications/applications.service.ts');
  });

  it('keeps the DataSource in the database module and in repositories', () => {
    const holdsDataSource = /\bInjectDataSource\b|\bDataSource\b[^'"]*from 'typeorm'|from 'typeorm';?[^\n]*\bDataSource\b/;
    expect(offenders((f) => holdsDataSource.test(f.text) && !f.path.startsWith('database/') && !f.path.endsWith('.repository.ts'))).toEqual([]);
  });

  it('lets only the applications module write sign_apply and its history', () => {
    const writes = [
      /\.(insert|update|save|delete|upsert|increment|decrement|remove|softDelete)\(\s*(SignApplication|SignApplicationEvent)\b/,
      /getRepository\(\s*(SignApplication|SignApplicationEvent)\s*\)/,
      /(UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+[`"]?sign_apply/i,
    ];
    expect(offenders((f) => !f.path.startsWith('applications/') && writes.some((write) => write.test(f.text)))).toEqual([]);
  });

  it('decides which applications an admin may see in one place', () => {
    // The rule reads the principal's role and its view-all grant; nothing else should.
    expect(offenders((f) => /\b(admin|principal)\.viewAll\b/.test(f.text))).toEqual(['applications/application-access.ts']);
  });
});
