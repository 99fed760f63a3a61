// The benches' data, parsed with the importer's own parser so they see exactly what an import
// would store: results from the history bundled in the repository (data/history), and — only
// when it sits beside the repository — the unlicensed football-data.co.uk odds folder
// ../shared/data/fdcouk-epl-odds, the real market the backtest compares against. Neither is
// copied; the odds are never part of the repository.
const fs = require('node:fs');
const path = require('node:path');
const { parseFootballDataCsv } = require('@scoreline/feeds');

const HISTORY_DIR = path.resolve(__dirname, '../../data/history');
const ODDS_DIR = path.resolve(__dirname, '../../../shared/data/fdcouk-epl-odds');

/** Season code like 1920 for 2019/20, from its start year. */
function seasonCode(startYear) {
  const a = String(startYear % 100).padStart(2, '0');
  const b = String((startYear + 1) % 100).padStart(2, '0');
  return `${a}${b}`;
}

function parseFile(file, league) {
  return parseFootballDataCsv(fs.readFileSync(file, 'utf8'), { file, league }).matches;
}

/** One bundled season file, e.g. `historyFile('E0', 2024)` for 2024/25. */
function historyFile(league, startYear) {
  return path.join(HISTORY_DIR, league, `season-${seasonCode(startYear)}.csv`);
}

/** Results and match statistics of a bundled league (E0, SP1, D1), seasons [fromYear, toYear]. */
function loadHistory(league, fromYear, toYear) {
  const out = [];
  for (let y = fromYear; y <= toYear; y++) {
    for (const m of parseFile(historyFile(league, y), league)) {
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

/**
 * Pinnacle pre-closing and closing 1X2 odds keyed by `date|home|away`, EPL 2019/20–2024/25, or
 * null when the odds folder is not beside the repository (a plain clone).
 */
function loadEplOdds(fromYear = 2019, toYear = 2024) {
  if (!fs.existsSync(ODDS_DIR)) return null;
  const map = new Map();
  for (let y = fromYear; y <= toYear; y++) {
    const file = path.join(ODDS_DIR, `E0_${seasonCode(y)}.csv`);
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

module.exports = { historyFile, loadHistory, loadEplOdds, ODDS_DIR };
