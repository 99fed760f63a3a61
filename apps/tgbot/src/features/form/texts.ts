// Texts of /form, and the answers to typed team names that do not name a team (/h2h uses them
// too). Values arrive as they are: the tgHtml tag escapes them.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';
import { defineTexts } from '../../i18n/texts';

/** How a rating compares with the league's average side. */
export type RatingBand = 'wellAbove' | 'above' | 'average' | 'below' | 'wellBelow';

export interface FormTexts {
  usage: Html;
  header(team: string, league: string, count: number): Html;
  /** One match line: date, venue, opponent, score, outcome letter. */
  match(m: { date: string; home: boolean; opponent: string; score: string; outcome: string }): Html;
  outcome: Record<'W' | 'D' | 'L', string>;
  totals(t: {
    wins: number;
    draws: number;
    losses: number;
    goalsFor: number;
    goalsAgainst: number;
  }): Html;
  /** Attack and defence in words (from `band`) with what they mean in goals. */
  ratings(r: {
    attack: string;
    attackPct: string;
    defence: string;
    defencePct: string;
    version: string;
  }): Html;
  /** The league has no champion. */
  noChampion: Html;
  /** The champion does not rate the team (a side it never saw, e.g. just promoted). */
  unrated(version: string): Html;
  /** The worker did not answer in time. */
  ratingsUnavailable: Html;
  band: Record<RatingBand, string>;
  noResults(team: string, league: string): Html;
  unknownTeam(input: string, suggestions: string): Html;
  ambiguousTeam(input: string, options: string): Html;
  sameTeam(team: string): Html;
  noTeams: Html;
}

export const FORM_TEXTS = defineTexts<FormTexts>(
  {
    usage: tgHtml`Напишите команду: <code>/form Arsenal</code> (можно с лигой: <code>/form E0 Arsenal</code>).`,
    header: (team, league, count) => tgHtml`<b>${team}</b> (${league}): последние ${count} матчей`,
    match: (m) =>
      tgHtml`${m.date} ${m.home ? 'дома' : 'в гостях'} — ${m.opponent} <b>${m.score}</b> ${m.outcome}`,
    outcome: { W: 'В', D: 'Н', L: 'П' },
    totals: (t) =>
      tgHtml`В${t.wins} Н${t.draws} П${t.losses} · мячи ${t.goalsFor}:${t.goalsAgainst}`,
    ratings: (r) =>
      joinHtml([
        tgHtml`Рейтинги модели ${r.version}: атака — ${r.attack} (${r.attackPct} голов), `,
        tgHtml`оборона — ${r.defence} (${r.defencePct} пропущенных).`,
      ]),
    noChampion: tgHtml`Рейтингов модели нет: у лиги нет модели-чемпиона.`,
    unrated: (version) =>
      tgHtml`Модель ${version} эту команду не оценивает: её нет в данных, на которых модель обучена.`,
    ratingsUnavailable: tgHtml`Рейтинги модели сейчас недоступны: сервис прогнозов не ответил вовремя.`,
    band: {
      wellAbove: 'намного выше среднего по лиге',
      above: 'выше среднего по лиге',
      average: 'на уровне среднего по лиге',
      below: 'ниже среднего по лиге',
      wellBelow: 'намного ниже среднего по лиге',
    },
    noResults: (team, league) => tgHtml`Нет сыгранных матчей ${team} в ${league}.`,
    unknownTeam: (input, suggestions) =>
      suggestions
        ? tgHtml`Не знаю команду «${input}». Может быть: ${suggestions}?`
        : tgHtml`Не знаю команду «${input}».`,
    ambiguousTeam: (input, options) => tgHtml`«${input}» — это какая команда: ${options}?`,
    sameTeam: (team) => tgHtml`Обе команды — ${team}. Напишите две разные.`,
    noTeams: tgHtml`Боту пока не известна ни одна команда: нет ни лиг, ни моделей.`,
  },
  {
    usage: tgHtml`Give a team: <code>/form Arsenal</code> (or with its league: <code>/form E0 Arsenal</code>).`,
    header: (team, league, count) => tgHtml`<b>${team}</b> (${league}): last ${count} matches`,
    match: (m) =>
      tgHtml`${m.date} ${m.home ? 'home' : 'away'} v ${m.opponent} <b>${m.score}</b> ${m.outcome}`,
    outcome: { W: 'W', D: 'D', L: 'L' },
    totals: (t) =>
      tgHtml`W${t.wins} D${t.draws} L${t.losses} · goals ${t.goalsFor}:${t.goalsAgainst}`,
    ratings: (r) =>
      joinHtml([
        tgHtml`Model ${r.version} ratings: attack: ${r.attack} (${r.attackPct} goals), `,
        tgHtml`defence: ${r.defence} (${r.defencePct} conceded).`,
      ]),
    noChampion: tgHtml`No model ratings: the league has no champion model.`,
    unrated: (version) =>
      tgHtml`Model ${version} does not rate this team: it is not in the data the model was trained on.`,
    ratingsUnavailable: tgHtml`Model ratings are unavailable right now: the prediction service did not answer in time.`,
    band: {
      wellAbove: 'well above league average',
      above: 'above league average',
      average: 'about league average',
      below: 'below league average',
      wellBelow: 'well below league average',
    },
    noResults: (team, league) => tgHtml`No ${league} results of ${team} are stored.`,
    unknownTeam: (input, suggestions) =>
      suggestions
        ? tgHtml`Unknown team “${input}”. Did you mean: ${suggestions}?`
        : tgHtml`Unknown team “${input}”.`,
    ambiguousTeam: (input, options) => tgHtml`“${input}” could be: ${options}. Which one?`,
    sameTeam: (team) => tgHtml`Both names are ${team}. Give two different teams.`,
    noTeams: tgHtml`The bot knows no team yet: no league or model is stored.`,
  },
);
