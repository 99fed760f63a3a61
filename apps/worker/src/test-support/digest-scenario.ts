// A chat in Moscow subscribed to E0 at 09:00 local, with two fixtures in the next 24 hours
// (one between teams whose names need HTML escaping) and one further away.
import {
  findLeagueByCode,
  resolveTeamAlias,
  upsertChat,
  upsertFixture,
  upsertSubscription,
  upsertTeam,
  type ChatLanguage,
  type Db,
} from '@scoreline/db';

/** 06:05 UTC = 09:05 in Moscow: five minutes after the subscription's time. */
export const DIGEST_NOW = '2026-03-01T06:05:00.000Z';

export async function seedDigestScenario(
  db: Db,
  opts: { chatId?: number; language?: ChatLanguage } = {},
): Promise<{ subscriptionId: number; chatId: number }> {
  const chatId = opts.chatId ?? 1001;
  await upsertChat(db, chatId, { timezone: 'Europe/Moscow', language: opts.language ?? 'en' });
  const sub = await upsertSubscription(db, { chatId, leagueCode: 'E0', time: '09:00' });
  const league = (await findLeagueByCode(db, 'E0'))!;
  const arsenal = (await resolveTeamAlias(db, 'Arsenal', 'E0'))!;
  const chelsea = (await resolveTeamAlias(db, 'Chelsea', 'E0'))!;
  const odd1 = await upsertTeam(db, { name: 'Tom & <Jerry> United' });
  const odd2 = await upsertTeam(db, { name: 'Spike Rovers' });
  const fixture = (kickoffAt: string, home: number, away: number) =>
    upsertFixture(db, {
      leagueId: league.id,
      kickoffAt: new Date(kickoffAt),
      homeTeamId: home,
      awayTeamId: away,
      status: 'scheduled',
      source: 'test',
    });
  await fixture('2026-03-01T15:00:00Z', arsenal, chelsea);
  await fixture('2026-03-01T17:30:00Z', odd1.id, odd2.id);
  await fixture('2026-03-03T15:00:00Z', chelsea, arsenal);
  return { subscriptionId: sub.id, chatId };
}
