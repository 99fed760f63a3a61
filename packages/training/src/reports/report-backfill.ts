import { findReport, saveReport, type Db } from '@scoreline/db';
import { readFile } from 'node:fs/promises';
import { reportFiles } from './report-files';

/**
 * Stores a model's report files in `model_reports` when the database has no report for it: a
 * model trained before reports were stored there has them only as files on the worker's volume,
 * which an api in another container cannot read. True when it stored them; false when the row
 * already exists or a file is missing (nothing to copy).
 */
export async function backfillReport(
  db: Db,
  reportsDir: string,
  model: { leagueCode: string; version: string; trainedAt: Date },
): Promise<boolean> {
  if (await findReport(db, model.leagueCode, model.version)) return false;
  const files = reportFiles(reportsDir, model.leagueCode, model.version);
  const read = (path: string) =>
    readFile(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
  const [markdown, png] = await Promise.all([read(files.markdown), read(files.png)]);
  if (!markdown || !png) return false;
  await saveReport(db, {
    leagueCode: model.leagueCode,
    modelVersion: model.version,
    createdAt: model.trainedAt,
    markdown: markdown.toString('utf8'),
    png,
  });
  return true;
}
