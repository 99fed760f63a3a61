import { join } from 'node:path';
import { assertSafeName } from '../registry/artifact-store';

/**
 * Where a model's report and chart live on disk: `REPORTS_DIR/<league>/<version>.md` and `.png`.
 * A retrain also stores the pair in the database (`model_reports`), which is what the API serves
 * as the league's latest report; these files are its fallback for models trained before that.
 */
export function reportFiles(
  reportsDir: string,
  league: string,
  version: string,
): { dir: string; markdown: string; png: string; pngName: string } {
  const dir = join(reportsDir, assertSafeName('league', league));
  const base = assertSafeName('version', version);
  return {
    dir,
    markdown: join(dir, `${base}.md`),
    png: join(dir, `${base}.png`),
    pngName: `${base}.png`,
  };
}
