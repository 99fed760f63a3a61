// Locates the shared data sets (/work/shared/data next to the repository); tests read them in place.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `<repo>/../shared/data`: this file is `<repo>/packages/feeds/src/test-support/`. */
export const SHARED_DATA = path.resolve(__dirname, '../../../../../shared/data');

/** Reads a shared data file as UTF-8 text. */
export function readShared(relative: string): string {
  return fs.readFileSync(path.join(SHARED_DATA, relative), 'utf8');
}

/** Lists the `.csv` files of a shared data folder, sorted. */
export function sharedCsvFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(SHARED_DATA, folder))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => `${folder}/${f}`);
}

/** PDDL season files (`season-XXYY.csv`) from 2015/16 on, for one league folder. */
export function pddlSeasonsFrom1516(league: string): string[] {
  return sharedCsvFiles(`football-datasets-pddl/${league}`).filter((f) => {
    const yy = Number(/season-(\d{2})\d{2}\.csv$/.exec(f)?.[1]);
    return yy >= 15 && yy < 90;
  });
}
