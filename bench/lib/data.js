// Tiny CSV loader for the shared football-data style files. The benches read the data by path
// (never copied into the repo); the files have no quoted commas in the columns we use, but the
// parser handles quotes anyway so a referee name with a comma cannot shift columns.
const fs = require('node:fs');
const path = require('node:path');

const DATA_DIR = path.resolve(__dirname, '../../../shared/data');

function parseCsv(text) {
  const rows = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const line of src.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cur);
        cur = '';
      } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
}

const num = (v) => (v === undefined || v === '' ? undefined : Number(v));

/** Season code like 1920 for 2019/20, from its start year. */
function seasonCode(startYear) {
  const a = String(startYear % 100).padStart(2, '0');
  const b = String((startYear + 1) % 100).padStart(2, '0');
  return `${a}${b}`;
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
    for (const r of parseCsv(fs.readFileSync(file, 'utf8'))) {
      if (r.FTHG === '' || r.FTAG === '') continue;
      out.push({
        date: r.Date,
        home: r.HomeTeam,
        away: r.AwayTeam,
        homeGoals: Number(r.FTHG),
        awayGoals: Number(r.FTAG),
        stats: {
          homeShots: num(r.HS),
          awayShots: num(r.AS),
          homeShotsOnTarget: num(r.HST),
          awayShotsOnTarget: num(r.AST),
          homeCorners: num(r.HC),
          awayCorners: num(r.AC),
          homeRedCards: num(r.HR),
          awayRedCards: num(r.AR),
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
    for (const r of parseCsv(fs.readFileSync(file, 'utf8'))) {
      const [d, m, yy] = r.Date.split('/');
      const date = `${yy.length === 2 ? `20${yy}` : yy}-${m}-${d}`;
      map.set(`${date}|${r.HomeTeam}|${r.AwayTeam}`, {
        pinnacle: [num(r.PSH), num(r.PSD), num(r.PSA)],
        pinnacleClosing: [num(r.PSCH), num(r.PSCD), num(r.PSCA)],
      });
    }
  }
  return map;
}

module.exports = { parseCsv, loadPddl, loadEplOdds, DATA_DIR };
