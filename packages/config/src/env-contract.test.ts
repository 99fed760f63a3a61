// The environment contract (seed §9): what the code reads, what .env.example lists and what the
// Russian table in docs/deploy-amvera.md documents must be the same set of variables.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_SPEC, REPO_ROOT } from './index';

const CODE_DIRS = ['packages', 'apps'].flatMap((top) =>
  readdirSync(join(REPO_ROOT, top)).map((name) => join(REPO_ROOT, top, name, 'src')),
);

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Names read through `process.env.X`, `process.env['X']` or `env.X` in the config package. */
function variablesReadByCode(): Set<string> {
  const names = new Set<string>(Object.keys(ENV_SPEC));
  const files = [...CODE_DIRS.flatMap(sourceFiles), ...sourceFiles(join(REPO_ROOT, 'bin'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g,
    )) {
      names.add((m[1] ?? m[2])!);
    }
  }
  return names;
}

function variablesInEnvExample(): Set<string> {
  const text = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
}

function variablesInDeployDoc(): Set<string> {
  const text = readFileSync(join(REPO_ROOT, 'docs', 'deploy-amvera.md'), 'utf8');
  const section = text.split(/^## /m).find((s) => s.startsWith('2. '));
  if (!section) throw new Error('docs/deploy-amvera.md has no "## 2." environment section');
  const names = new Set<string>();
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = row.split('|')[1] ?? '';
    for (const m of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!);
  }
  return names;
}

const sorted = (s: Set<string>) => [...s].sort();
const minus = (a: Set<string>, b: Set<string>) => sorted(new Set([...a].filter((x) => !b.has(x))));

describe('environment contract', () => {
  const code = variablesReadByCode();

  it('should list in .env.example every variable the code reads, and nothing else', () => {
    const example = variablesInEnvExample();

    expect({ missing: minus(code, example), unread: minus(example, code) }).toEqual({
      missing: [],
      unread: [],
    });
  });

  it('should document in docs/deploy-amvera.md every variable the code reads, and nothing else', () => {
    const doc = variablesInDeployDoc();

    expect({ missing: minus(code, doc), unread: minus(doc, code) }).toEqual({
      missing: [],
      unread: [],
    });
  });

  it('should keep real-looking secrets out of .env.example', () => {
    const text = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');

    expect(text).not.toMatch(/\d{6,}:[A-Za-z0-9_-]{30,}/);
    expect(text).not.toMatch(/:\/\/[^/\s:@]+:[^@\s]+@/);
  });
});
