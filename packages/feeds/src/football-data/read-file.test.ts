import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { describe, expect, it } from '@jest/globals';

import { FeedFormatError } from '../errors';
import { historyFile } from '@test-support/history';
import { writeSyntheticOdds } from '@test-support/synthetic-odds';
import { readFootballDataCsv } from './read-file';

describe('readFootballDataCsv', () => {
  it('reads a football-data file with odds from disk', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoreline-feeds-'));
    try {
      const file = writeSyntheticOdds(dir, 'E0', '2425', { bom: true });
      const r = await readFootballDataCsv(file);
      expect(r.matches).toHaveLength(380);
      expect(r.rejects).toEqual([]);
      expect(r.matches.every((m) => m.league === 'E0' && m.odds.length > 0)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes the league for files without Div', async () => {
    const file = historyFile('SP1', '1516');
    const r = await readFootballDataCsv(file, { league: 'SP1' });
    expect(r.matches[0]?.league).toBe('SP1');
    await expect(readFootballDataCsv(file)).rejects.toThrow(FeedFormatError);
  });

  it('fails with FeedFormatError naming the file for missing and binary files', async () => {
    const missing = path.join(os.tmpdir(), 'scoreline-feeds-no-such-file.csv');
    await expect(readFootballDataCsv(missing)).rejects.toThrow(
      `${missing}: cannot read file (ENOENT)`,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoreline-feeds-'));
    const binary = path.join(dir, 'E0.csv');
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
    try {
      await expect(readFootballDataCsv(binary)).rejects.toThrow(`${binary}: binary data`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
