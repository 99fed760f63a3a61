// Everything the bot says, in Russian (the default) and English. Values that come from users or
// data are escaped by the caller before they reach these functions, so the texts can carry HTML.

export type Locale = 'ru' | 'en';

export interface Messages {
  start(freshness: string): string;
  help: string;
  commands: Record<CommandName, string>;
  sorry: string;
  slowDown: string;
  unknownCommand: string;
  predictUsage: string;
  predictPickFixture: string;
  noUpcoming: string;
  calculating: string;
  timeout(seconds: number): string;
  /** The prediction service cannot be reached at all right now (its queue is down). */
  busy: string;
  noModel(league: string): string;
  sameTeam(team: string): string;
  unknownTeam(input: string): string;
  ambiguousTeam(input: string): string;
  noSuggestions: string;
  staleButton: string;
  card: CardLabels;
  modelHeader: string;
  noModels: string;
  modelLine(v: {
    league: string;
    version: string;
    trainedAt: string;
    window: string;
    metrics: string;
  }): string;
  vsMarket(model: string, market: string, n: number): string;
  fixturesHeader(scope: string, date: string): string;
  noFixtures(scope: string, date: string): string;
  allLeagues: string;
  unknownLeague(code: string, known: string): string;
  leagueUsage: string;
  matchUsage: string;
  noFixture(id: string): string;
  badDate(input: string): string;
  page(n: number, of: number): string;
  freshness(date: string | null): string;
  simulated: string;
}

export type CommandName =
  | 'start'
  | 'help'
  | 'predict'
  | 'model'
  | 'today'
  | 'league'
  | 'match'
  | 'explain'
  | 'value'
  | 'compare'
  | 'subscribe'
  | 'unsubscribe'
  | 'settings'
  | 'stats'
  | 'export'
  | 'about';

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
}

const ru: Messages = {
  start: (freshness) =>
    '<b>Scoreline</b> — прогнозы футбольных матчей: вероятности исходов из статистической ' +
    'модели, обученной на реальных результатах и проверенной против букмекерских линий.\n\n' +
    `${freshness}\n\n` +
    'Попробуйте: <code>/predict Арсенал - Челси</code>\n/help — все команды.',
  help:
    '<b>Команды</b>\n' +
    '/predict <i>хозяева</i> - <i>гости</i> — прогноз матча\n' +
    '/today [лига] — матчи сегодня с вероятностями\n' +
    '/league <i>код</i> [ГГГГ-ММ-ДД] — матчи лиги (E0, SP1, D1, I1, F1 …)\n' +
    '/match <i>id</i> — карточка матча\n' +
    '/explain <i>id</i> — почему прогноз такой: вклад каждого фактора\n' +
    '/model — модели по лигам и их точность\n' +
    '/value [лига] — где модель расходится с букмекерами\n' +
    '/compare <i>id</i> — модель против каждого букмекера\n' +
    '<code>@бот Арсенал Челси</code> — прогноз в любом чате\n' +
    '/subscribe [ЧЧ:ММ] [лига] — ежедневная сводка прогнозов\n' +
    '/unsubscribe [лига|all] — отписаться от сводки\n' +
    '/settings — язык и часовой пояс\n' +
    '/stats [лига] — точность прогнозов бота против рынка\n' +
    '/export <i>id</i>|<i>лига</i> — прогнозы в CSV\n' +
    '/about — версия, источники данных, модели\n' +
    '/help — эта справка',
  commands: {
    start: 'О боте',
    help: 'Список команд',
    predict: 'Прогноз: хозяева - гости',
    model: 'Модели и их точность',
    today: 'Матчи сегодня',
    league: 'Матчи лиги',
    match: 'Карточка матча по id',
    explain: 'Почему такой прогноз (по id)',
    value: 'Модель против букмекеров',
    compare: 'Сравнить с букмекерами по id',
    subscribe: 'Ежедневная сводка',
    unsubscribe: 'Отписаться от сводки',
    settings: 'Язык и часовой пояс',
    stats: 'Точность прогнозов бота',
    export: 'Прогнозы в CSV',
    about: 'Версия и источники данных',
  },
  sorry: 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
  slowDown: 'Слишком много запросов. Подождите немного и повторите.',
  unknownCommand: 'Не знаю такой команды. /help — список команд.',
  predictUsage:
    'Напишите две команды через дефис: <code>/predict Арсенал - Челси</code>\n' +
    'Можно указать лигу: <code>/predict E0 Arsenal vs Chelsea</code>',
  predictPickFixture:
    'Ближайшие матчи — выберите или напишите <code>/predict хозяева - гости</code>:',
  noUpcoming: 'Ближайших матчей в базе нет. Напишите <code>/predict хозяева - гости</code>.',
  calculating: '⏳ Считаю…',
  timeout: (s) =>
    `Модель не ответила за ${s} с — сервис прогнозов сейчас недоступен или перегружен. ` +
    'Попробуйте позже.',
  busy: 'Сервис прогнозов сейчас занят. Попробуйте через минуту.',
  noModel: (league) => `Для лиги ${league} ещё нет обученной модели.`,
  sameTeam: (team) => `Команда не может играть сама с собой (${team}).`,
  unknownTeam: (input) => `Не знаю команду «${input}». Возможно, вы имели в виду:`,
  ambiguousTeam: (input) => `«${input}» подходит нескольким командам. Выберите:`,
  noSuggestions: 'Похожих команд не нашлось.',
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
  },
  modelHeader: '<b>Модели по лигам</b> (текущие чемпионы)',
  noModels: 'Обученных моделей пока нет.',
  modelLine: (v) =>
    `<b>${v.league}</b> · ${v.version}\nобучена ${v.trainedAt}, данные ${v.window}\n${v.metrics}`,
  vsMarket: (model, market, n) => `против рынка: RPS ${model} vs ${market} (${n} матчей)`,
  fixturesHeader: (scope, date) => `<b>${scope}</b> · ${date}`,
  noFixtures: (scope, date) => `${scope}: на ${date} матчей в базе нет.`,
  allLeagues: 'Все лиги',
  unknownLeague: (code, known) => `Не знаю лигу «${code}». Известные: ${known}.`,
  leagueUsage: 'Укажите лигу: <code>/league E0</code> или <code>/league E0 2026-11-29</code>',
  matchUsage: 'Укажите номер матча: <code>/match 123</code>',
  noFixture: (id) => `Матча ${id} нет в базе.`,
  badDate: (input) => `Не понимаю дату «${input}». Формат: ГГГГ-ММ-ДД.`,
  page: (n, of) => `стр. ${n}/${of}`,
  freshness: (date) =>
    date ? `Данные: последний сыгранный матч в базе — ${date}.` : 'Данных о матчах пока нет.',
  simulated: '⚠️ Симуляция: лига и результаты сгенерированы, это не реальные матчи.',
};

const en: Messages = {
  start: (freshness) =>
    '<b>Scoreline</b> — football match predictions: outcome probabilities from a statistical ' +
    'model trained on real results and checked against bookmaker prices.\n\n' +
    `${freshness}\n\n` +
    'Try: <code>/predict Arsenal - Chelsea</code>\n/help — all commands.',
  help:
    '<b>Commands</b>\n' +
    '/predict <i>home</i> - <i>away</i> — match prediction\n' +
    '/today [league] — today’s fixtures with probabilities\n' +
    '/league <i>code</i> [YYYY-MM-DD] — a league’s fixtures (E0, SP1, D1, I1, F1 …)\n' +
    '/match <i>id</i> — match card\n' +
    '/explain <i>id</i> — why the forecast is what it is, factor by factor\n' +
    '/model — models per league and their accuracy\n' +
    '/value [league] — where the model disagrees with bookmakers\n' +
    '/compare <i>id</i> — the model against each bookmaker\n' +
    '<code>@bot Arsenal Chelsea</code> — a prediction in any chat\n' +
    '/subscribe [HH:MM] [league] — daily digest of predictions\n' +
    '/unsubscribe [league|all] — stop the digest\n' +
    '/settings — language and time zone\n' +
    '/stats [league] — the bot’s track record against the market\n' +
    '/export <i>id</i>|<i>league</i> — predictions as CSV\n' +
    '/about — version, data sources, models\n' +
    '/help — this help',
  commands: {
    start: 'About the bot',
    help: 'Commands',
    predict: 'Prediction: home - away',
    model: 'Models and their accuracy',
    today: 'Today’s fixtures',
    league: 'A league’s fixtures',
    match: 'Match card by id',
    explain: 'Why this forecast (by id)',
    value: 'Model vs bookmakers',
    compare: 'Compare with bookmakers by id',
    subscribe: 'Daily digest',
    unsubscribe: 'Stop the digest',
    settings: 'Language and time zone',
    stats: 'The bot’s track record',
    export: 'Predictions as CSV',
    about: 'Version and data sources',
  },
  sorry: 'Something went wrong. Please try again a little later.',
  slowDown: 'Too many requests. Please wait a moment and try again.',
  unknownCommand: 'Unknown command. /help lists the commands.',
  predictUsage:
    'Send two teams separated by a dash: <code>/predict Arsenal - Chelsea</code>\n' +
    'A league may lead: <code>/predict E0 Arsenal vs Chelsea</code>',
  predictPickFixture: 'Upcoming fixtures — pick one or send <code>/predict home - away</code>:',
  noUpcoming: 'No upcoming fixtures in the database. Send <code>/predict home - away</code>.',
  calculating: '⏳ Calculating…',
  timeout: (s) =>
    `The model did not answer within ${s} s — the prediction service is down or busy. ` +
    'Please try again later.',
  busy: 'The prediction service is busy right now. Please try again in a minute.',
  noModel: (league) => `There is no trained model for ${league} yet.`,
  sameTeam: (team) => `A team cannot play itself (${team}).`,
  unknownTeam: (input) => `I don’t know the team “${input}”. Did you mean:`,
  ambiguousTeam: (input) => `“${input}” fits several teams. Pick one:`,
  noSuggestions: 'No similar teams found.',
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
  },
  modelHeader: '<b>Models per league</b> (current champions)',
  noModels: 'No trained models yet.',
  modelLine: (v) =>
    `<b>${v.league}</b> · ${v.version}\ntrained ${v.trainedAt}, data ${v.window}\n${v.metrics}`,
  vsMarket: (model, market, n) => `vs market: RPS ${model} vs ${market} (${n} matches)`,
  fixturesHeader: (scope, date) => `<b>${scope}</b> · ${date}`,
  noFixtures: (scope, date) => `${scope}: no fixtures on ${date} in the database.`,
  allLeagues: 'All leagues',
  unknownLeague: (code, known) => `Unknown league “${code}”. Known: ${known}.`,
  leagueUsage: 'Give a league: <code>/league E0</code> or <code>/league E0 2026-11-29</code>',
  matchUsage: 'Give a match id: <code>/match 123</code>',
  noFixture: (id) => `There is no match ${id} in the database.`,
  badDate: (input) => `I can’t read the date “${input}”. Use YYYY-MM-DD.`,
  page: (n, of) => `page ${n}/${of}`,
  freshness: (date) =>
    date
      ? `Data: the latest finished match in the database is from ${date}.`
      : 'No match data yet.',
  simulated: '⚠️ Simulation: the league and its results are generated, not real matches.',
};

export const MESSAGES: Record<Locale, Messages> = { ru, en };

/** Commands in the order the `/` menu shows them. */
export const MENU_COMMANDS: readonly CommandName[] = [
  'predict',
  'today',
  'league',
  'match',
  'explain',
  'model',
  'value',
  'compare',
  'subscribe',
  'unsubscribe',
  'settings',
  'stats',
  'export',
  'about',
  'help',
  'start',
];
