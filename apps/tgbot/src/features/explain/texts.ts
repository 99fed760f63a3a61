// Texts of /explain in Russian and English. Team and league names arrive as they are (tgHtml
// escapes them).
import { joinHtml, tgHtml, type Html } from '@scoreline/queue';

export interface ExplainTexts {
  usage: Html;
  button: string;
  header(home: string, away: string, league: string): Html;
  forecast(home: string, draw: string, away: string): Html;
  legend: Html;
  sectionTeams: Html;
  sectionVenue: Html;
  sectionBlend: Html;
  attack(team: string): Html;
  defence(team: string): Html;
  form(team: string): Html;
  homeAdvantage: Html;
  component(name: string, weight: string): Html;
  componentNames: Record<string, string>;
  model(version: string, fixtureId: number | null): Html;
  unknownFixture(id: number): Html;
  unknownTeam(team: string): Html;
  noModel(league: string): Html;
  timeout(seconds: number): Html;
}

export const EXPLAIN_TEXTS: Record<'ru' | 'en', ExplainTexts> = {
  ru: {
    usage: joinHtml([
      tgHtml`Укажите номер матча: <code>/explain 123</code>\nНомера матчей — `,
      tgHtml`в /today и /league.`,
    ]),
    button: 'Почему так?',
    header: (home, away, league) => tgHtml`<b>Почему так: ${home} — ${away}</b> (${league})`,
    forecast: (h, d, a) => tgHtml`Прогноз: П1 <b>${h}</b> · X <b>${d}</b> · П2 <b>${a}</b>`,
    legend: joinHtml([
      tgHtml`Вклад каждого фактора в п.п. (П1 / X / П2) — насколько прогноз изменился `,
      tgHtml`бы, будь фактор средним по лиге. «+» — фактор повышает исход.`,
    ]),
    sectionTeams: tgHtml`<b>Рейтинги команд</b>`,
    sectionVenue: tgHtml`<b>Поле и форма</b>`,
    sectionBlend: tgHtml`<b>Компоненты ансамбля</b> (прогноз без компонента)`,
    attack: (team) => tgHtml`Атака ${team}`,
    defence: (team) => tgHtml`Оборона ${team}`,
    form: (team) => tgHtml`Форма ${team} (Эло)`,
    homeAdvantage: tgHtml`Преимущество своего поля`,
    component: (name, weight) => tgHtml`${name}, вес ${weight}`,
    componentNames: { dixonColes: 'Диксон–Коулз', shots: 'Удары в створ', elo: 'Эло' },
    model: (version, id) => tgHtml`Модель: ${version}${id !== null ? tgHtml` · матч #${id}` : ''}`,
    unknownFixture: (id) => tgHtml`Матча ${id} нет в базе. Номера матчей — в /today и /league.`,
    unknownTeam: (team) =>
      tgHtml`Модель ещё не знает команду «${team}» — объяснить прогноз нельзя.`,
    noModel: (league) => tgHtml`Для ${league} ещё нет обученной модели.`,
    timeout: (s) =>
      joinHtml([
        tgHtml`Модель не ответила за ${s} с — сервис прогнозов не работает или `,
        tgHtml`занят. Попробуйте позже.`,
      ]),
  },
  en: {
    usage: tgHtml`Give a match id: <code>/explain 123</code>\nMatch ids are in /today and /league.`,
    button: 'Why?',
    header: (home, away, league) => tgHtml`<b>Why: ${home} — ${away}</b> (${league})`,
    forecast: (h, d, a) => tgHtml`Forecast: home <b>${h}</b> · draw <b>${d}</b> · away <b>${a}</b>`,
    legend: joinHtml([
      tgHtml`Each factor’s contribution in p.p. (home / draw / away): how much `,
      tgHtml`the forecast would change if the factor were league-average. “+” `,
      tgHtml`means the factor raises that outcome.`,
    ]),
    sectionTeams: tgHtml`<b>Team ratings</b>`,
    sectionVenue: tgHtml`<b>Venue and form</b>`,
    sectionBlend: tgHtml`<b>Ensemble components</b> (forecast without the component)`,
    attack: (team) => tgHtml`${team} attack`,
    defence: (team) => tgHtml`${team} defence`,
    form: (team) => tgHtml`${team} form (Elo)`,
    homeAdvantage: tgHtml`Home advantage`,
    component: (name, weight) => tgHtml`${name}, weight ${weight}`,
    componentNames: { dixonColes: 'Dixon–Coles', shots: 'Shots on target', elo: 'Elo' },
    model: (version, id) => tgHtml`Model: ${version}${id !== null ? tgHtml` · match #${id}` : ''}`,
    unknownFixture: (id) =>
      tgHtml`There is no match ${id} in the database. Match ids are in /today.`,
    unknownTeam: (team) =>
      tgHtml`The model does not rate “${team}” yet, so there is nothing to explain.`,
    noModel: (league) => tgHtml`There is no trained model for ${league} yet.`,
    timeout: (s) =>
      joinHtml([
        tgHtml`The model did not answer within ${s} s — the prediction service `,
        tgHtml`is down or busy. Please try again later.`,
      ]),
  },
};
