// /form and /h2h end to end through the Bot API emulator: the bundled Premier League results, a
// champion on disk, names typed as a user types them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startContextBot, type ContextBot } from '../../test-support/context-bot';
import { ratingBand, renderForm } from './form';
import { FORM_TEXTS } from './texts';

let bot: ContextBot;

beforeAll(async () => {
  bot = await startContextBot();
}, 120_000);
afterAll(() => bot?.dispose());

async function ask(text: string, languageCode = 'en'): Promise<string> {
  const chat = bot.chat(languageCode);
  await chat.send(text);
  const [reply] = await chat.nextReplies(1, 10_000);
  return reply!.text;
}

describe('/form', () => {
  it('When a user asks for a team by a typo of its name, then the last 6 results come with dates, opponents, scores, W/D/L, goals and the ratings in words', async () => {
    const text = await ask('/form arsnal');

    expect(text).toContain('<b>Arsenal</b> (E0): last 6 matches');
    // Arsenal's last six before 15 January 2025 (football-data's E0 2024/25).
    const lines = text.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^2025-01-\d{2} (home|away) v \S.* <b>\d+:\d+<\/b> [WDL]$/);
    const dates = lines.map((l) => l.slice(0, 10));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(text).toMatch(/W\d D\d L\d · goals \d+:\d+/);
    expect(text).toMatch(
      /Model 20250115-000000 ratings: attack: (well )?above league average \(\+\d+% goals\)/,
    );
    expect(text).toMatch(/defence: (well )?above league average \(−\d+% conceded\)/);
  });

  it('When the totals are added up from the lines, then they match the W/D/L and goals line', async () => {
    const text = await ask('/form Liverpool');
    const lines = text.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    const scores = lines.map((l) => /<b>(\d+):(\d+)<\/b> ([WDL])$/.exec(l)!);
    const count = (o: string) => scores.filter((m) => m[3] === o).length;
    const goals = (i: 1 | 2) => scores.reduce((s, m) => s + Number(m[i]), 0);

    expect(text).toContain(
      `W${count('W')} D${count('D')} L${count('L')} · goals ${goals(1)}:${goals(2)}`,
    );
    for (const m of scores) {
      const [f, a] = [Number(m[1]), Number(m[2])];
      expect(m[3]).toBe(f > a ? 'W' : f < a ? 'L' : 'D');
    }
  });

  it('When the team is unknown, then the answer names it and offers the closest teams', async () => {
    const text = await ask('/form Zzyzx Rovers');

    expect(text).toMatch(/^Unknown team “Zzyzx Rovers”\. Did you mean: \S/);
  });

  it('When a name fits several teams, then the answer lists them', async () => {
    const text = await ask('/form Man');

    expect(text).toContain('“Man” could be:');
    expect(text).toContain('Man City');
    expect(text).toContain('Man United');
  });

  it('When a league code leads the name, as /predict allows, then the team is looked up in that league', async () => {
    expect(await ask('/form e0 Tottenham')).toContain('<b>Tottenham</b> (E0): last 6 matches');
    expect(await ask('/h2h E0 Arsenal v Chelsea')).toContain('<b>Arsenal v Chelsea</b> (E0)');
  });

  it('When no team name is given, then the usage is shown', async () => {
    expect(await ask('/form')).toContain('/form Arsenal');
    expect(await ask('/form ---')).toContain('/form Arsenal');
  });

  it('When the chat is Russian, then the answer is in Russian', async () => {
    const text = await ask('/form Chelsea', 'ru');

    expect(text).toContain('последние 6 матчей');
    expect(text).toMatch(/атака — /);
  });

  it('When ratings are put in words, then the bands are symmetric around the league average', () => {
    expect(ratingBand(0)).toBe('average');
    expect(ratingBand(0.1)).toBe('above');
    expect(ratingBand(-0.1)).toBe('below');
    expect(ratingBand(0.3)).toBe('wellAbove');
    expect(ratingBand(-0.3)).toBe('wellBelow');
  });

  it('When the champion does not rate the team or the worker does not answer, then the results still come and the last line says which', () => {
    const form = {
      team: 'Leeds',
      matches: [
        { date: '2025-05-01', opponent: 'Burnley', home: true, goalsFor: 2, goalsAgainst: 0 },
      ].map((m) => ({ ...m, outcome: 'W' as const })),
      record: { W: 1, D: 0, L: 0 },
      goalsFor: 2,
      goalsAgainst: 0,
    };
    const render = (ratings: Parameters<typeof renderForm>[1]['ratings']) =>
      String(renderForm(FORM_TEXTS.en, { league: 'E0', form, ratings })).split('\n');

    const unrated = render({ status: 'unknown_team', team: 'Leeds', modelVersion: 'v7' });
    expect(unrated[1]).toBe('2025-05-01 home v Burnley <b>2:0</b> W');
    expect(unrated.at(-1)).toBe(
      'Model v7 does not rate this team: it is not in the data the model was trained on.',
    );
    expect(render({ status: 'unavailable' }).at(-1)).toBe(
      'Model ratings are unavailable right now: the prediction service did not answer in time.',
    );
  });
});

describe('/h2h', () => {
  it('When two teams are given, then their last 10 meetings come newest first with the aggregate that adds up', async () => {
    const text = await ask('/h2h Arsenal - Chelsea');

    expect(text).toContain('<b>Arsenal v Chelsea</b> (E0): last 3 meetings');
    const meetings = text.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2} /.test(l));
    expect(meetings).toHaveLength(3);
    let wins = [0, 0];
    let draws = 0;
    let goals = [0, 0];
    for (const line of meetings) {
      const [, home, h, a, away] = /^\S+ (.+) <b>(\d+):(\d+)<\/b> (.+)$/.exec(line)!;
      const [ga, gb] = home === 'Arsenal' ? [Number(h), Number(a)] : [Number(a), Number(h)];
      expect([home, away].sort()).toEqual(['Arsenal', 'Chelsea']);
      goals = [goals[0]! + ga, goals[1]! + gb];
      if (ga > gb) wins = [wins[0]! + 1, wins[1]!];
      else if (gb > ga) wins = [wins[0]!, wins[1]! + 1];
      else draws += 1;
    }
    expect(text).toContain(
      `Wins: Arsenal ${wins[0]}, Chelsea ${wins[1]}, draws ${draws} · goals ${goals[0]}:${goals[1]}`,
    );
  });

  it('When one of the two teams is unknown, then the answer names that one', async () => {
    const text = await ask('/h2h Arsenal - Qwertyuiop');

    expect(text).toMatch(/^Unknown team “Qwertyuiop”/);
  });

  it('When both names are one team, then the answer asks for two different teams', async () => {
    expect(await ask('/h2h Arsenal - Arsenal')).toContain('Both names are Arsenal');
  });

  it('When the text is not two teams, then the usage is shown', async () => {
    expect(await ask('/h2h Arsenal')).toContain('/h2h Arsenal - Chelsea');
  });
});

describe('/form without the champion', () => {
  /** `/form arsnal` to a bot of its own, started with `opts`: the reply and what it logged. */
  async function formOf(opts: Parameters<typeof startContextBot>[0]) {
    const own = await startContextBot(opts);
    try {
      const chat = own.chat();
      await chat.send('/form arsnal');
      const [reply] = await chat.nextReplies(1, 10_000);
      return { text: reply!.text, errors: [...own.errors] };
    } finally {
      await own.dispose();
    }
  }

  it('When the league has no champion, then names still match against its stored teams and the results come without ratings', async () => {
    const { text } = await formOf({ champion: false });

    expect(text).toContain('<b>Arsenal</b> (E0): last 6 matches');
    expect(text).toContain('No model ratings: the league has no champion model.');
  });

  it('When the worker that holds the champions does not answer, then the results still come and the ratings line says they are unavailable', async () => {
    const { text, errors } = await formOf({ workerGone: true });

    expect(text).toContain('<b>Arsenal</b> (E0): last 6 matches');
    expect(text).toMatch(/W\d D\d L\d · goals \d+:\d+/);
    expect(text).toContain('Model ratings are unavailable right now');
    expect(errors).toEqual([]);
  });
});
