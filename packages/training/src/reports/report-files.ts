import { join } from 'node:path';
import { assertSafeName } from '../registry/artifact-store';

/**
 * Where a model's report and chart live: `REPORTS_DIR/<league>/<version>.md` and `.png`. The
 * API serves the champion's pair as the league's latest report.
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
