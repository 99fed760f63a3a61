// Reads a football-data CSV from disk: the CLI's entry point for `import-csv`.
import { readFile } from 'node:fs/promises';

import { FeedFormatError } from '../errors';
import { parseFootballDataCsv } from './parse-csv';
import type { ParsedCsv } from './types';

/**
 * Reads and parses one file. The text is decoded as UTF-8 (every shared data file is UTF-8,
 * whatever their packaging metadata says); undecodable bytes make the parser reject it as binary.
 *
 * @throws FeedFormatError when the file cannot be read or is not a football-data CSV.
 */
export async function readFootballDataCsv(
  filePath: string,
  opts: { league?: string } = {},
): Promise<ParsedCsv> {
  let buf: Buffer;
  try {
    buf = await readFile(filePath);
  } catch (e) {
    throw new FeedFormatError(
      filePath,
      `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  return parseFootballDataCsv(buf.toString('utf8'), {
    file: filePath,
    ...(opts.league !== undefined ? { league: opts.league } : {}),
  });
}
