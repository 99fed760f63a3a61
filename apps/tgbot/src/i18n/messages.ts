// Everything the bot says, in Russian (the default) and English. Texts with markup are Html built
// by the `tgHtml` tag, which escapes every value a function is given (see telegram-html.ts in @scoreline/queue), so
// callers pass names and inputs as they are. Plain strings are for places without parse mode:
// the / menu, button notices, the simulation label and the last-resort apology.
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';

export type Locale = 'ru' | 'en';

export interface Messages {
  /** `example`: two team names the data has (no example when no league has a model). */
  start(freshness: Html, example?: { home: string; away: string }): Html;
  /** The heading of /help (the command lines come from the features' listings). */
  helpTitle: Html;
  /** The / menu (plain text). */
  /** Plain: also sent without parse mode when a handler failed. */
  sorry: string;
  /** Plain: a button notice too. */
  slowDown: string;
  unknownCommand: Html;
  predictUsage: Html;
  predictPickFixture: Html;
  noUpcoming: Html;
  calculating: Html;
  timeout(seconds: number): Html;
  /** The prediction service cannot be reached at all right now (its queue is down). */
  busy: Html;
  noModel(league: string): Html;
  sameTeam(team: string): Html;
  unknownTeam(input: string): Html;
  ambiguousTeam(input: string): Html;
  noSuggestions: Html;
  /** Plain: a button notice. */
  staleButton: string;
  card: CardLabels;
  modelHeader: Html;
  noModels: Html;
  modelLine(v: {
    league: string;
    version: string;
    trainedAt: string;
    window: string;
    metrics: Html;
  }): Html;
  vsMarket(model: string, market: string, n: number): Html;
  fixturesHeader(scope: Html | string, date: string): Html;
  noFixtures(scope: Html | string, date: string): Html;
  allLeagues: string;
  unknownLeague(code: string, known: string): Html;
  leagueUsage: Html;
  matchUsage: Html;
  noFixture(id: string | number): Html;
  badDate(input: string): Html;
  page(n: number, of: number): string;
  freshness(date: string | null): Html;
  /** No scheduled fixture is known at all (the data ends at `lastResult`): what to do instead. */
  noneKnown(lastResult: string | null): Html;
  /** Plain: put in front of every text, whatever its parse mode. */
  simulated: string;
}

/** The card's labels: plain words the card escapes. */
export interface CardLabels {
  oneXTwo: string;
  home: string;
  draw: string;
  away: string;
  doubleChance: string;
  total(line: string): string;
  over: string;
  under: string;
  btts: string;
  yes: string;
  no: string;
  xg: string;
  scores: string;
  model: string;
  result: string;
  kickoff: string;
  afterKickoff: string;
  /** The newest result the model rests on. */
  dataUpTo(date: string): string;
  /** The same, when it is older than STALE_DATA_DAYS before the card's date. */
  staleData(date: string): string;
}

const ru: Messages = {
  start: (freshness, example) =>
    joinHtml([
      tgHtml`<b>Scoreline</b> — прогнозы футбольных матчей: вероятности исходов из статистической `,
      tgHtml`модели, обученной на реальных результатах и проверенной против букмекерских линий.\n\n`,
      tgHtml`${freshness}\n\n`,
      example
        ? tgHtml`Попробуйте: <code>/predict ${example.home} - ${example.away}</code>\n`
        : tgHtml`Прогнозов пока нет: ни для одной лиги ещё не обучена модель.\n`,
      tgHtml`/help — все команды.`,
    ]),
  helpTitle: tgHtml`<b>Команды</b>`,
  sorry: 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
  slowDown: 'Слишком много запросов. Подождите немного и повторите.',
  unknownCommand: tgHtml`Не знаю такой команды. /help — список команд.`,
  predictUsage: joinHtml(
    [
      tgHtml`Напишите две команды через дефис: <code>/predict Арсенал - Челси</code>`,
      tgHtml`Можно указать лигу: <code>/predict E0 Arsenal vs Chelsea</code>`,
    ],
    '\n',
  ),
  predictPickFixture: tgHtml`Ближайшие матчи — выберите или напишите <code>/predict хозяева - гости</code>:`,
  noUpcoming: tgHtml`Ближайших матчей в базе нет. Напишите <code>/predict хозяева - гости</code>.`,
  calculating: tgHtml`⏳ Считаю…`,
  timeout: (s) =>
    joinHtml([
      tgHtml`Модель не ответила за ${s} с — сервис прогнозов сейчас недоступен `,
      tgHtml`или перегружен. Попробуйте позже.`,
    ]),
  busy: tgHtml`Сервис прогнозов сейчас занят. Попробуйте через минуту.`,
  noModel: (league) => tgHtml`Для лиги ${league} ещё нет обученной модели.`,
  sameTeam: (team) => tgHtml`Команда не может играть сама с собой (${team}).`,
  unknownTeam: (input) => tgHtml`Не знаю команду «${input}». Возможно, вы имели в виду:`,
  ambiguousTeam: (input) => tgHtml`«${input}» подходит нескольким командам. Выберите:`,
  noSuggestions: tgHtml`Похожих команд не нашлось.`,
  staleButton: 'Эта кнопка устарела. Повторите команду.',
  card: {
    oneXTwo: 'Исход',
    home: 'П1',
    draw: 'X',
    away: 'П2',
    doubleChance: 'Двойной шанс',
    total: (line) => `Тотал ${line}`,
    over: 'больше',
    under: 'меньше',
    btts: 'Обе забьют',
    yes: 'да',
    no: 'нет',
    xg: 'Ожидаемые голы',
    scores: 'Вероятные счета',
    model: 'Модель',
    result: 'Итог',
    kickoff: 'Начало',
    afterKickoff: 'Рассчитано после начала матча — в статистику точности не входит.',
    dataUpTo: (date) => `Данные по ${date}`,
    staleData: (date) =>
      `⚠️ Данные по ${date} — старше трёх недель; результаты после этой даты в модели не учтены.`,
  },
  modelHeader: tgHtml`<b>Модели по лигам</b> (текущие чемпионы)`,
  noModels: tgHtml`Обученных моделей пока нет.`,
  modelLine: (v) =>
    joinHtml([
      tgHtml`<b>${v.league}</b> · ${v.version}\nобучена ${v.trainedAt}, данные `,
      tgHtml`${v.window}\n${v.metrics}`,
    ]),
  vsMarket: (model, market, n) => tgHtml`против рынка: RPS ${model} vs ${market} (${n} матчей)`,
  fixturesHeader: (scope, date) => tgHtml`<b>${scope}</b> · ${date}`,
  noFixtures: (scope, date) => tgHtml`${scope}: на ${date} матчей в базе нет.`,
  allLeagues: 'Все лиги',
  unknownLeague: (code, known) => tgHtml`Не знаю лигу «${code}». Известные: ${known}.`,
  leagueUsage: tgHtml`Укажите лигу: <code>/league E0</code> или <code>/league E0 2026-11-29</code>`,
  matchUsage: tgHtml`Укажите номер матча: <code>/match 123</code>`,
  noFixture: (id) => tgHtml`Матча ${id} нет в базе.`,
  badDate: (input) => tgHtml`Не понимаю дату «${input}». Формат: ГГГГ-ММ-ДД.`,
  page: (n, of) => `стр. ${n}/${of}`,
  freshness: (date) =>
    date
      ? tgHtml`Данные: последний сыгранный матч в базе — ${date}.`
      : tgHtml`Данных о матчах пока нет.`,
  noneKnown: (lastResult) =>
    joinHtml([
      tgHtml`Ближайшие матчи боту пока неизвестны`,
      lastResult ? tgHtml`: его данные заканчиваются матчами ${lastResult}. ` : tgHtml`. `,
      tgHtml`Расписание и новые результаты приходят из SportMonks — их подключает владелец бота `,
      tgHtml`(<code>SPORTMONKS_API_TOKEN</code>). Прогноз любой пары доступен и сейчас: `,
      tgHtml`<code>/predict хозяева - гости</code>.`,
    ]),
  simulated: '⚠️ Симуляция: лига и результаты сгенерированы, это не реальные матчи.',
};

const en: Messages = {
  start: (freshness, example) =>
    joinHtml([
      tgHtml`<b>Scoreline</b> — football match predictions: outcome probabilities from a statistical `,
      tgHtml`model trained on real results and checked against bookmaker prices.\n\n`,
      tgHtml`${freshness}\n\n`,
      example
        ? tgHtml`Try: <code>/predict ${example.home} - ${example.away}</code>\n`
        : tgHtml`No predictions yet: no league has a trained model.\n`,
      tgHtml`/help — all commands.`,
    ]),
  helpTitle: tgHtml`<b>Commands</b>`,
  sorry: 'Something went wrong. Please try again a little later.',
  slowDown: 'Too many requests. Please wait a moment and try again.',
  unknownCommand: tgHtml`Unknown command. /help lists the commands.`,
  predictUsage: joinHtml(
    [
      tgHtml`Send two teams separated by a dash: <code>/predict Arsenal - Chelsea</code>`,
      tgHtml`A league may lead: <code>/predict E0 Arsenal vs Chelsea</code>`,
    ],
    '\n',
  ),
  predictPickFixture: tgHtml`Upcoming fixtures — pick one or send <code>/predict home - away</code>:`,
  noUpcoming: tgHtml`No upcoming fixtures in the database. Send <code>/predict home - away</code>.`,
  calculating: tgHtml`⏳ Calculating…`,
  timeout: (s) =>
    joinHtml([
      tgHtml`The model did not answer within ${s} s — the prediction service `,
      tgHtml`is down or busy. Please try again later.`,
    ]),
  busy: tgHtml`The prediction service is busy right now. Please try again in a minute.`,
  noModel: (league) => tgHtml`There is no trained model for ${league} yet.`,
  sameTeam: (team) => tgHtml`A team cannot play itself (${team}).`,
  unknownTeam: (input) => tgHtml`I don’t know the team “${input}”. Did you mean:`,
  ambiguousTeam: (input) => tgHtml`“${input}” fits several teams. Pick one:`,
  noSuggestions: tgHtml`No similar teams found.`,
  staleButton: 'This button has expired. Please send the command again.',
  card: {
    oneXTwo: 'Outcome',
    home: 'Home',
    draw: 'Draw',
    away: 'Away',
    doubleChance: 'Double chance',
    total: (line) => `Total ${line}`,
    over: 'over',
    under: 'under',
    btts: 'Both teams score',
    yes: 'yes',
    no: 'no',
    xg: 'Expected goals',
    scores: 'Likely scores',
    model: 'Model',
    result: 'Final score',
    kickoff: 'Kick-off',
    afterKickoff: 'Computed after kick-off — not part of the track record.',
    dataUpTo: (date) => `Data up to ${date}`,
    staleData: (date) =>
      `⚠️ Data up to ${date} — older than three weeks; results since then are not in the model.`,
  },
  modelHeader: tgHtml`<b>Models per league</b> (current champions)`,
  noModels: tgHtml`No trained models yet.`,
  modelLine: (v) =>
    joinHtml([
      tgHtml`<b>${v.league}</b> · ${v.version}\ntrained ${v.trainedAt}, data `,
      tgHtml`${v.window}\n${v.metrics}`,
    ]),
  vsMarket: (model, market, n) => tgHtml`vs market: RPS ${model} vs ${market} (${n} matches)`,
  fixturesHeader: (scope, date) => tgHtml`<b>${scope}</b> · ${date}`,
  noFixtures: (scope, date) => tgHtml`${scope}: no fixtures on ${date} in the database.`,
  allLeagues: 'All leagues',
  unknownLeague: (code, known) => tgHtml`Unknown league “${code}”. Known: ${known}.`,
  leagueUsage: tgHtml`Give a league: <code>/league E0</code> or <code>/league E0 2026-11-29</code>`,
  matchUsage: tgHtml`Give a match id: <code>/match 123</code>`,
  noFixture: (id) => tgHtml`There is no match ${id} in the database.`,
  badDate: (input) => tgHtml`I can’t read the date “${input}”. Use YYYY-MM-DD.`,
  page: (n, of) => `page ${n}/${of}`,
  freshness: (date) =>
    date
      ? tgHtml`Data: the latest finished match in the database is from ${date}.`
      : tgHtml`No match data yet.`,
  noneKnown: (lastResult) =>
    joinHtml([
      tgHtml`The bot knows no upcoming fixtures yet`,
      lastResult ? tgHtml`: its data ends with the matches of ${lastResult}. ` : tgHtml`. `,
      tgHtml`Fixtures and new results come from SportMonks, which the bot’s operator connects `,
      tgHtml`(<code>SPORTMONKS_API_TOKEN</code>). A forecast for any pair works now: `,
      tgHtml`<code>/predict home - away</code>.`,
    ]),
  simulated: '⚠️ Simulation: the league and its results are generated, not real matches.',
};

export const MESSAGES: Record<Locale, Messages> = { ru, en };
