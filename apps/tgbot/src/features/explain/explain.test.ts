import { describe, expect, it } from '@jest/globals';
import { RequestTimeoutError, type ExplainResult } from '@scoreline/queue';
import type { Context } from 'telegraf';
import type { BotServices } from '../../context/bot-context';
import { createTaskTracker } from '../../services/tasks';
import { renderExplanation, serveExplanation, signedPp } from './explain';
import { QUICK_ANSWER_MS } from '../../context/placeholder';

const ctxIn = (locale: 'ru' | 'en') => ({ state: { locale, chat: null } }) as unknown as Context;
const services = (simulated = false) => ({ simulated }) as unknown as BotServices;

const FACTORS = [
  'homeAttack',
  'homeDefence',
  'awayAttack',
  'awayDefence',
  'homeAdvantage',
  'homeForm',
  'awayForm',
  'dixonColes',
  'shots',
  'elo',
];

const ok: ExplainResult = {
  status: 'ok',
  league: 'E0',
  home: 'Brighton & Hove <Albion>',
  away: 'Chelsea',
  modelVersion: '20250101-000000',
  fixtureId: 12,
  probs: [0.5, 0.27, 0.23],
  components: [
    { name: 'dixonColes', weight: 0.5, probs: [0.5, 0.27, 0.23] },
    { name: 'shots', weight: 0.2, probs: [0.5, 0.27, 0.23] },
    { name: 'elo', weight: 0.3, probs: [0.5, 0.27, 0.23] },
  ],
  factors: FACTORS.map((factor, i) => ({
    factor,
    value: 0,
    delta: [i + 0.04, -0.96, -i + 0.92] as [number, number, number],
  })),
};

describe('explain rendering', () => {
  it('When a contribution is formatted, then it is signed with a true minus, one decimal, and a comma in Russian', () => {
    expect(signedPp(3.14, 'en')).toBe('+3.1');
    expect(signedPp(-1.06, 'en')).toBe('−1.1');
    expect(signedPp(-0.04, 'en')).toBe('0.0');
    expect(signedPp(2.5, 'ru')).toBe('+2,5');
  });

  it('When an explanation is rendered, then every factor has a line with three signed numbers and names are escaped', () => {
    const text = renderExplanation(ctxIn('en'), services(), ok).toString();

    expect(text).toContain('Brighton &amp; Hove &lt;Albion&gt;');
    expect(text).not.toContain('<Albion>');
    expect(text.match(/: <code>[^<]+<\/code>/g)).toHaveLength(FACTORS.length);
    expect(text).toContain('Home advantage: <code>+4.0 / −1.0 / −3.1</code>');
    expect(text).toContain('Elo, weight 30%: <code>+9.0 / −1.0 / −8.1</code>');
    expect(text).toContain('match #12');
  });

  it('When the answer is not an explanation, then the user reads why, in the chat language', () => {
    expect(
      renderExplanation(ctxIn('en'), services(), {
        status: 'unknown_fixture',
        fixtureId: 5,
      }).toString(),
    ).toContain('no match 5');
    expect(
      renderExplanation(ctxIn('ru'), services(), {
        status: 'unknown_team',
        team: '<b>X',
      }).toString(),
    ).toContain('«&lt;b&gt;X»');
    expect(
      renderExplanation(ctxIn('en'), services(), {
        status: 'timeout',
        timeoutMs: 15_000,
      }).toString(),
    ).toContain('15 s');
    expect(
      renderExplanation(ctxIn('ru'), services(), { status: 'no_model', league: 'SP1' }).toString(),
    ).toContain('SP1');
  });

  it('When the worker answers late or not at all, then "calculating…" is sent first and replaced by the timeout notice; a failed job says sorry', async () => {
    const sent: string[] = [];
    const edits: Array<{ id: number; text: string }> = [];
    const ctx = {
      state: { locale: 'en', chat: null },
      chat: { id: 1 },
      reply: (text: string) => {
        sent.push(text);
        return Promise.resolve({ message_id: sent.length });
      },
      telegram: {
        editMessageText: (_chat: number, id: number, _inline: undefined, text: string) => {
          edits.push({ id, text });
          return Promise.resolve(true);
        },
      },
    } as unknown as Context;
    const failures: unknown[] = [];
    const tasks = createTaskTracker((err) => failures.push(err));
    const later = (fail: () => Error) =>
      new Promise<never>((_, reject) => setTimeout(() => reject(fail()), QUICK_ANSWER_MS + 100));
    const s = (fail: () => Error) =>
      ({
        simulated: false,
        tasks,
        queue: { request: () => later(fail) },
      }) as unknown as BotServices;

    serveExplanation(
      ctx,
      s(() => new RequestTimeoutError('explain', 'j1', 20)),
      7,
      20,
    );
    await tasks.drain(10_000);
    expect(sent).toEqual(['⏳ Calculating…']);
    expect(edits).toEqual([{ id: 1, text: expect.stringContaining('did not answer') }]);
    expect(failures).toEqual([]);

    serveExplanation(
      ctx,
      s(() => new Error('boom')),
      8,
      20,
    );
    await tasks.drain(10_000);
    expect(edits[1]).toEqual({ id: 2, text: expect.stringContaining('Something went wrong') });
    expect(failures).toHaveLength(1);
  });
});
