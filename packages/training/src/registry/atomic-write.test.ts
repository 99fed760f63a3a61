import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDb, migrateLatest, registerModel, type Db } from '@scoreline/db';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epl, makeArtifact } from '../test-support/seed-league';
import { serialiseArtifact } from './artifact-document';
import { resolveArtifactPath, saveArtifact } from './artifact-store';
import { removeStaleTemps, writeFileAtomic } from './atomic-write';
import { loadChampion } from './load-champion';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-atomic-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Runs a real writer process that overwrites `target` with `payload` and SIGKILLs it when it
 * reports `stage`. Resolves once the process is dead.
 */
function killWriterAt(
  target: string,
  payload: string,
  stage: string,
): Promise<NodeJS.Signals | null> {
  const payloadFile = join(tmp, `payload-${stage}.json`);
  writeFileSync(payloadFile, payload);
  const child = fork(
    join(__dirname, '../test-support/kill-writer.child.js'),
    [require.resolve('typescript'), join(__dirname, 'atomic-write.ts'), target, payloadFile, stage],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.on('message', (m: { stage: string; message?: string }) => {
      if (m.stage === stage) child.kill('SIGKILL');
      else
        reject(
          new Error(`writer finished without stopping at ${stage}: ${m.stage} ${m.message ?? ''}`),
        );
    });
    child.on('exit', (_code, signal) => resolve(signal));
    child.on('error', reject);
  });
}

describe('atomic artifact writes', () => {
  let db: Db;
  const root = join(tmp, 'artifacts');
  let championPath: string;
  let championBytes: string;
  let replacement: string;

  beforeAll(async () => {
    db = createDb({ client: 'sqlite', path: join(tmp, 'registry.sqlite3') });
    await migrateLatest(db);
    const champion = makeArtifact('E0', 'v1', [epl('2324')]);
    const saved = await saveArtifact(root, champion);
    await registerModel(db, {
      leagueCode: 'E0',
      kind: 'production',
      version: 'v1',
      trainedAt: new Date('2026-01-01T00:00:00Z'),
      dataTo: '2024-05-19',
      metrics: {},
      artifactPath: saved.path,
      sha256: saved.sha256,
      status: 'champion',
    });
    championPath = resolveArtifactPath(root, saved.path);
    championBytes = readFileSync(championPath, 'utf8');
    // Same version, other content (a refit on another season), large enough for many chunks.
    replacement = serialiseArtifact(makeArtifact('E0', 'v1', [epl('2223')]));
    expect(replacement.length).toBeGreaterThan(4 * 1024);
  });
  afterAll(() => db.destroy());

  it.each(['temp-synced', 'chunk-written'])(
    'When a writer overwriting the champion is SIGKILLed at %s, then the old champion still loads without a warning',
    async (stage) => {
      const signal = await killWriterAt(championPath, replacement, stage);
      const warnings: string[] = [];

      const loaded = await loadChampion(db, root, 'E0', (l) => warnings.push(l));

      expect(signal).toBe('SIGKILL');
      expect(readFileSync(championPath, 'utf8')).toBe(championBytes);
      expect(loaded?.record.version).toBe('v1');
      expect(loaded?.fallbackFrom).toBeUndefined();
      expect(warnings).toEqual([]);
      // The dead writer's temp file is left behind, and the next write sweeps it.
      const temps = readdirSync(join(root, 'E0')).filter((n) => n.endsWith('.tmp'));
      expect(temps).toHaveLength(1);
      expect(removeStaleTemps(join(root, 'E0'))).toEqual(temps);
      expect(readdirSync(join(root, 'E0')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    },
  );

  it('When a writer finishes, then the target holds exactly the new bytes and no temp file is left', async () => {
    const target = join(tmp, 'plain.txt');
    writeFileSync(target, 'old');

    await writeFileAtomic(target, 'new contents', { chunkSize: 3 });

    expect(readFileSync(target, 'utf8')).toBe('new contents');
    expect(readdirSync(tmp).filter((n) => n.startsWith('.plain.txt'))).toEqual([]);
  });

  it('When a write fails before the rename, then the target is untouched and the temp file removed', async () => {
    const target = join(tmp, 'failing.txt');
    writeFileSync(target, 'old');

    await expect(
      writeFileAtomic(target, 'new', {
        onStage: (s) => {
          if (s === 'temp-synced') throw new Error('disk on fire');
        },
      }),
    ).rejects.toThrow('disk on fire');

    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(tmp).filter((n) => n.startsWith('.failing.txt'))).toEqual([]);
    expect(existsSync(target)).toBe(true);
  });
});
