// The shared football-data style files (read by path, never copied into the repo), parsed with
// the importer's own parser so the benches see exactly what an import would store.
const fs = require('node:fs');
const path = require('node:path');
const { parseFootballDataCsv } = require('@scoreline/feeds');

const DATA_DIR = path.resolve(__dirname, '../../../shared/data');

/** Season code like 1920 for 2019/20, from its start year. */
function seasonCode(startYear) {
  const a = String(startYear % 100).padStart(2, '0');
  const b = String((startYear + 1) % 100).padStart(2, '0');
  return `${a}${b}`;
}

function parseFile(file, league) {
  return parseFootballDataCsv(fs.readFileSync(file, 'utf8'), { file, league }).matches;
}

/** Results and match statistics from the PDDL files, seasons [fromYear, toYear] by start year. */
function loadPddl(league, fromYear, toYear) {
  const out = [];
  for (let y = fromYear; y <= toYear; y++) {
    const file = path.join(
      DATA_DIR,
      'football-datasets-pddl',
      league,
      `season-${seasonCode(y)}.csv`,
    );
    for (const m of parseFile(file, 'E0')) {
      if (m.homeGoals === null || m.awayGoals === null) continue;
      out.push({
        date: m.date,
        home: m.home,
        away: m.away,
        homeGoals: m.homeGoals,
        awayGoals: m.awayGoals,
        stats: {
          homeShots: m.stats.homeShots,
          awayShots: m.stats.awayShots,
          homeShotsOnTarget: m.stats.homeShotsOnTarget,
          awayShotsOnTarget: m.stats.awayShotsOnTarget,
          homeCorners: m.stats.homeCorners,
          awayCorners: m.stats.awayCorners,
          homeRedCards: m.stats.homeRed,
          awayRedCards: m.stats.awayRed,
        },
        season: y,
      });
    }
  }
  out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}

/** Pinnacle pre-closing and closing 1X2 odds keyed by `date|home|away`, EPL 2019/20–2024/25. */
function loadEplOdds(fromYear = 2019, toYear = 2024) {
  const map = new Map();
  for (let y = fromYear; y <= toYear; y++) {
    const file = path.join(DATA_DIR, 'fdcouk-epl-odds', `E0_${seasonCode(y)}.csv`);
    for (const m of parseFile(file)) {
      const price = (kind) => {
        const o = m.odds.find((x) => x.bookmaker === 'PS' && x.market === '1x2' && x.kind === kind);
        return [o?.prices.home, o?.prices.draw, o?.prices.away];
      };
      map.set(`${m.date}|${m.home}|${m.away}`, {
        pinnacle: price('pre'),
        pinnacleClosing: price('close'),
      });
    }
  }
  return map;
}

module.exports = { loadPddl, loadEplOdds, DATA_DIR };
