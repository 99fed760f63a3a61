import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getChampion, listModels, migrateLatest, registerModel, type Db } from '@scoreline/db';
import { testEngines, type TestDatabase } from '@test-support/databases';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { epl, makeArtifact } from '../test-support/seed-league';
import { serialiseArtifact, type ArtifactDocument } from './artifact-document';
import { resolveArtifactPath, saveArtifact } from './artifact-store';
import { importArtifact, ImportRejectedError } from './import-artifact';
import { loadChampion } from './load-champion';
import { pruneArtifacts } from './prune';

const tmp = mkdtempSync(join(tmpdir(), 'scoreline-registry-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Fitted once: every test stores copies under its own versions.
const base = makeArtifact('E0', 'base', [epl('2324')]);
const withVersion = (version: string, league = 'E0'): ArtifactDocument => ({
  ...base,
  league,
  version,
});

describe.each(testEngines)('model registry on %s', (_engine, open) => {
  let handle: TestDatabase;
  let db: Db;
  let root: string;
  let n = 0;

  beforeEach(async () => {
    handle = await open();
    db = handle.db;
    await migrateLatest(db);
    root = join(tmp, `root-${_engine}-${++n}`);
  });
  afterEach(() => handle.dispose());

  /** Saves and registers a model; `promotedAt` orders champions (the later, the more recent). */
  async function store(version: string, status: 'champion' | 'retired' | 'challenger', at: string) {
    const saved = await saveArtifact(root, withVersion(version));
    const record = await registerModel(db, {
      leagueCode: 'E0',
      kind: 'production',
      version,
      trainedAt: new Date(at),
      dataTo: '2024-05-19',
      metrics: {},
      artifactPath: saved.path,
      sha256: saved.sha256,
      status: status === 'retired' ? 'champion' : status,
    });
    return { saved, record };
  }

  it('When the champion artifact is intact, then it loads with no warning', async () => {
    await store('v1', 'champion', '2026-01-01T00:00:00Z');
    const warnings: string[] = [];

    const loaded = await loadChampion(db, root, 'E0', (l) => warnings.push(l));

    expect(loaded?.record.version).toBe('v1');
    expect(loaded?.artifact.state.dixonColes.teams).toContain('Arsenal');
    expect(warnings).toEqual([]);
  });

  it.each([
    ['one flipped byte', 'sha256 mismatch'],
    ['a deleted file', 'missing'],
  ])(
    'When the champion artifact has %s, then the previous champion serves with exactly one warning',
    async (damage, reason) => {
      await store('v1', 'retired', '2026-01-01T00:00:00Z'); // champion first, retired by v2
      const { saved } = await store('v2', 'champion', '2026-02-01T00:00:00Z');
      const path = resolveArtifactPath(root, saved.path);
      if (damage === 'a deleted file') unlinkSync(path);
      else {
        const bytes = readFileSync(path);
        bytes[200] = bytes[200]! ^ 0x01;
        writeFileSync(path, bytes);
      }
      const warnings: string[] = [];

      const loaded = await loadChampion(db, root, 'E0', (l) => warnings.push(l));

      expect(loaded?.record.version).toBe('v1');
      expect(loaded?.fallbackFrom?.record.version).toBe('v2');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(reason);
      expect(warnings[0]).toContain('v1');
      // Reading never rewrites the registry.
      expect((await getChampion(db, 'E0'))?.version).toBe('v2');
    },
  );

  it('When no earlier champion is usable either, then nothing serves and one warning says so', async () => {
    const { saved } = await store('v1', 'champion', '2026-01-01T00:00:00Z');
    writeFileSync(resolveArtifactPath(root, saved.path), '{"schema":"scoreline.model/1"}');
    const warnings: string[] = [];

    const loaded = await loadChampion(db, root, 'E0', (l) => warnings.push(l));

    expect(loaded).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no earlier champion/);
  });

  describe('models import', () => {
    const place = (name: string, text: string) => {
      mkdirSync(join(tmp, 'upload'), { recursive: true });
      const file = join(tmp, 'upload', `${_engine}-${n}-${name}`);
      writeFileSync(file, text);
      return file;
    };

    it.each<[string, () => string, RegExp]>([
      ['not JSON', () => '{"schema": ', /is not JSON/],
      [
        'another schema',
        () => JSON.stringify({ ...withVersion('x1'), schema: 'other/9' }),
        /schema other\/9/,
      ],
      ['another league', () => serialiseArtifact(withVersion('x2', 'SP1')), /league SP1, not E0/],
      [
        'ratings that do not match the teams',
        () => {
          const doc = withVersion('x3');
          return JSON.stringify({
            ...doc,
            state: { ...doc.state, dixonColes: { ...doc.state.dixonColes, attack: [0.1] } },
          });
        },
        /ratings do not match its teams/,
      ],
      [
        'a team the shots model does not rate',
        () => {
          const doc = withVersion('x4');
          const shots = doc.state.shots;
          return JSON.stringify({
            ...doc,
            state: {
              ...doc.state,
              shots: {
                ...shots,
                teams: shots.teams.slice(1),
                attack: shots.attack.slice(1),
                defence: shots.defence.slice(1),
              },
            },
          });
        },
        /trial prediction failed/,
      ],
      [
        'an unsafe version',
        () => serialiseArtifact(withVersion('../../etc')),
        /version "..\/..\/etc"/,
      ],
    ])(
      'When the file has %s, then it is rejected and nothing is registered',
      async (_what, make, message) => {
        const file = place('bad.json', make());

        const attempt = importArtifact(db, root, file, { league: 'E0', keep: 5 });

        await expect(attempt).rejects.toThrow(ImportRejectedError);
        await expect(importArtifact(db, root, file, { league: 'E0', keep: 5 })).rejects.toThrow(
          message,
        );
        expect(await listModels(db, 'E0')).toEqual([]);
      },
    );

    it('When a valid artifact is imported into an empty league, then it is copied, hashed and becomes champion', async () => {
      const file = place('good.json', serialiseArtifact(withVersion('hand-1')));

      const result = await importArtifact(db, root, file, { league: 'E0', keep: 5 });

      expect(result.copied).toBe(true);
      expect(result.record).toMatchObject({
        version: 'hand-1',
        status: 'champion',
        dataTo: '2024-05-19',
      });
      const loaded = await loadChampion(db, root, 'E0');
      expect(loaded?.record.version).toBe('hand-1');
    });

    it('When a league has a champion, then an import waits as challenger unless promoted, and a taken version is refused', async () => {
      await importArtifact(db, root, place('a.json', serialiseArtifact(withVersion('hand-1'))), {
        league: 'E0',
        keep: 5,
      });
      const second = await importArtifact(
        db,
        root,
        place('b.json', serialiseArtifact(withVersion('hand-2'))),
        { league: 'E0', keep: 5 },
      );
      const third = await importArtifact(
        db,
        root,
        place('c.json', serialiseArtifact(withVersion('hand-3'))),
        { league: 'E0', keep: 5, promote: true },
      );

      expect(second.record.status).toBe('challenger');
      expect(third.record.status).toBe('champion');
      expect((await getChampion(db, 'E0'))?.version).toBe('hand-3');
      await expect(
        importArtifact(db, root, place('d.json', serialiseArtifact(withVersion('hand-2'))), {
          league: 'E0',
          keep: 5,
        }),
      ).rejects.toThrow(/already registered/);
    });

    it('When the file was placed at its registry path by hand, then it is registered in place with its own sha256', async () => {
      const text = serialiseArtifact(withVersion('placed'));
      mkdirSync(join(root, 'E0'), { recursive: true });
      const file = join(root, 'E0', 'placed.json');
      writeFileSync(file, text);

      const result = await importArtifact(db, root, file, { league: 'E0', keep: 5 });

      expect(result.copied).toBe(false);
      expect(result.record.artifactPath).toBe('E0/placed.json');
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect((await loadChampion(db, root, 'E0'))?.record.version).toBe('placed');
    });
  });

  it('When more than MODEL_KEEP artifacts exist, then the oldest files go but the champion and its fallback stay', async () => {
    const old = await store('c1', 'retired', '2026-01-01T00:00:00Z');
    const champ = await store('c2', 'champion', '2026-01-02T00:00:00Z');
    const challengers = [];
    for (let i = 1; i <= 4; i++)
      challengers.push(await store(`n${i}`, 'challenger', `2026-01-0${2 + i}T00:00:00Z`));

    const removed = await pruneArtifacts(db, root, 'E0', 2);

    const exists = (s: { saved: { absolutePath: string } }) => existsSync(s.saved.absolutePath);
    expect(removed.sort()).toEqual(['n1', 'n2']);
    expect([old, champ, ...challengers].map(exists)).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
    const statuses = Object.fromEntries(
      (await listModels(db, 'E0')).map((m) => [m.version, m.status]),
    );
    expect(statuses).toMatchObject({
      c1: 'retired',
      c2: 'champion',
      n1: 'retired',
      n2: 'retired',
      n3: 'challenger',
    });
  });
});
