// Texts of /explain in Russian and English. Team and league names arrive escaped.

export interface ExplainTexts {
  usage: string;
  button: string;
  header(home: string, away: string, league: string): string;
  forecast(home: string, draw: string, away: string): string;
  legend: string;
  sectionTeams: string;
  sectionVenue: string;
  sectionBlend: string;
  attack(team: string): string;
  defence(team: string): string;
  form(team: string): string;
  homeAdvantage: string;
  component(name: string, weight: string): string;
  componentNames: Record<string, string>;
  model(version: string, fixtureId: number | null): string;
  unknownFixture(id: number): string;
  unknownTeam(team: string): string;
  noModel(league: string): string;
  timeout(seconds: number): string;
}

export const EXPLAIN_TEXTS: Record<'ru' | 'en', ExplainTexts> = {
  ru: {
    usage: 'Укажите номер матча: <code>/explain 123</code>\nНомера матчей — в /today и /league.',
    button: 'Почему так?',
    header: (home, away, league) => `<b>Почему так: ${home} — ${away}</b> (${league})`,
    forecast: (h, d, a) => `Прогноз: П1 <b>${h}</b> · X <b>${d}</b> · П2 <b>${a}</b>`,
    legend:
      'Вклад каждого фактора в п.п. (П1 / X / П2) — насколько прогноз изменился бы, будь фактор ' +
      'средним по лиге. «+» — фактор повышает исход.',
    sectionTeams: '<b>Рейтинги команд</b>',
    sectionVenue: '<b>Поле и форма</b>',
    sectionBlend: '<b>Компоненты ансамбля</b> (прогноз без компонента)',
    attack: (team) => `Атака ${team}`,
    defence: (team) => `Оборона ${team}`,
    form: (team) => `Форма ${team} (Эло)`,
    homeAdvantage: 'Преимущество своего поля',
    component: (name, weight) => `${name}, вес ${weight}`,
    componentNames: { dixonColes: 'Диксон–Коулз', shots: 'Удары в створ', elo: 'Эло' },
    model: (version, id) => `Модель: ${version}${id !== null ? ` · матч #${id}` : ''}`,
    unknownFixture: (id) => `Матча ${id} нет в базе. Номера матчей — в /today и /league.`,
    unknownTeam: (team) => `Модель ещё не знает команду «${team}» — объяснить прогноз нельзя.`,
    noModel: (league) => `Для ${league} ещё нет обученной модели.`,
    timeout: (s) =>
      `Модель не ответила за ${s} с — сервис прогнозов не работает или занят. ` +
      'Попробуйте позже.',
  },
  en: {
    usage: 'Give a match id: <code>/explain 123</code>\nMatch ids are in /today and /league.',
    button: 'Why?',
    header: (home, away, league) => `<b>Why: ${home} — ${away}</b> (${league})`,
    forecast: (h, d, a) => `Forecast: home <b>${h}</b> · draw <b>${d}</b> · away <b>${a}</b>`,
    legend:
      'Each factor’s contribution in p.p. (home / draw / away): how much the forecast would ' +
      'change if the factor were league-average. “+” means the factor raises that outcome.',
    sectionTeams: '<b>Team ratings</b>',
    sectionVenue: '<b>Venue and form</b>',
    sectionBlend: '<b>Ensemble components</b> (forecast without the component)',
    attack: (team) => `${team} attack`,
    defence: (team) => `${team} defence`,
    form: (team) => `${team} form (Elo)`,
    homeAdvantage: 'Home advantage',
    component: (name, weight) => `${name}, weight ${weight}`,
    componentNames: { dixonColes: 'Dixon–Coles', shots: 'Shots on target', elo: 'Elo' },
    model: (version, id) => `Model: ${version}${id !== null ? ` · match #${id}` : ''}`,
    unknownFixture: (id) => `There is no match ${id} in the database. Match ids are in /today.`,
    unknownTeam: (team) => `The model does not rate “${team}” yet, so there is nothing to explain.`,
    noModel: (league) => `There is no trained model for ${league} yet.`,
    timeout: (s) =>
      `The model did not answer within ${s} s — the prediction service is down or busy. ` +
      'Please try again later.',
  },
};
