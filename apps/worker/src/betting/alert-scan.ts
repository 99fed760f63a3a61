// Value alerts: after each sync (the settle job that follows every sync runs this scan), the
// model's forecast of every upcoming priced fixture is set against the de-vigged yardstick price
// (the same edges /value shows, from @scoreline/training), and each chat whose alert settings an
// edge passes gets it on the outbox — once per chat × fixture × market × side: the alert is
// recorded under a unique key, queued under an outbox job id made from its row id, then marked
// queued. A repeated sync, a second worker or a restart finds a queued row and sends nothing; a
// row that a dead scan recorded but never marked is queued again under the same job id (the
// outbox delivers one job id once). Only leagues whose champion is flagged predictable are
// scanned.
//
// Quiet hours and the daily maximum hold an alert back without recording it: the first scan
// after the quiet hours (or on the next local day) sends it if the edge is still there.
import {
  countValueAlerts,
  getTeam,
  latestPredictionForFixture,
  listActiveAlertSettings,
  listFixtures,
  listLeagues,
  listOddsForFixtures,
  markValueAlertQueued,
  recordValueAlert,
  type AlertSettings,
  type Db,
  type Fixture,
} from '@scoreline/db';
import type { Markets } from '@scoreline/model';
import type { Logger } from '@scoreline/ops';
import type { QueueBackend } from '@scoreline/queue';
import {
  groupOddsByFixture,
  leaguePredictability,
  marketEdges,
  type MarketEdge,
} from '@scoreline/training';
import type { ChampionCache } from '@scoreline/training';
import { isKnownTimeZone, localTime, minutesOf } from '../digest/local-time';
import { renderAlert } from './alert-text';

export interface AlertScanDeps {
  db: Db;
  queue: Pick<QueueBackend, 'enqueue'>;
  champions: ChampionCache;
  logger: Pick<Logger, 'warn'>;
  now?: () => Date;
}

/** Fixtures this far ahead are scanned (as /value). */
export const ALERT_DAYS = 7;
const DAY_MS = 86_400_000;

interface PricedFixture {
  fixture: Fixture;
  league: string;
  home: string;
  away: string;
  edges: MarketEdge[];
}

/** True when local `HH:MM` falls in the quiet window (which may wrap past midnight). */
export function inQuietHours(quiet: AlertSettings['quiet'], time: string): boolean {
  if (!quiet) return false;
  const t = minutesOf(time);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from <= to ? t >= from && t < to : t >= from || t < to;
}

/** Whether chat settings `s` want `e` of a fixture in `league`. */
export function wants(s: AlertSettings, league: string, e: MarketEdge): boolean {
  if (s.leagues.length > 0 && !s.leagues.includes(league)) return false;
  if (s.mutedLeagues.includes(league)) return false;
  return s.markets.includes(e.market) && e.edge.pp >= s.minEdge;
}

export function createAlertScan(deps: AlertScanDeps) {
  const clock = deps.now ?? (() => new Date());

  async function forecast(f: Fixture, league: string, home: string, away: string) {
    const stored = await latestPredictionForFixture(deps.db, f.id);
    if (stored?.markets && typeof stored.markets === 'object') return stored.markets as Markets;
    const predictor = await deps.champions.get(league).catch(() => null);
    if (!predictor) return null;
    return predictor.predict(home, away).then(
      (p) => p.markets,
      () => null,
    );
  }

  /** Upcoming priced fixtures of predictable leagues with their edges. */
  async function priced(at: Date): Promise<PricedFixture[]> {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const out: PricedFixture[] = [];
    for (const league of await listLeagues(deps.db)) {
      const fixtures = (
        await listFixtures(deps.db, {
          leagueId: league.id,
          from: day(at.getTime()),
          to: day(at.getTime() + ALERT_DAYS * DAY_MS),
          status: 'scheduled',
        })
      ).filter((f) => f.kickoffAt.getTime() > at.getTime());
      if (fixtures.length === 0) continue;
      if (!(await leaguePredictability(deps.db, league.code)).predictable) continue;
      const odds = groupOddsByFixture(
        await listOddsForFixtures(
          deps.db,
          fixtures.map((f) => f.id),
        ),
      );
      for (const f of fixtures) {
        const list = odds.get(f.id);
        if (!list || list.length === 0) continue;
        const home = (await getTeam(deps.db, f.homeTeamId))?.name ?? `#${f.homeTeamId}`;
        const away = (await getTeam(deps.db, f.awayTeamId))?.name ?? `#${f.awayTeamId}`;
        const markets = await forecast(f, league.code, home, away);
        if (!markets) continue;
        const edges = marketEdges(markets, list).filter((e) => e.edge.pp > 0);
        if (edges.length > 0) out.push({ fixture: f, league: league.code, home, away, edges });
      }
    }
    return out;
  }

  /** Scans once; resolves with the number of alerts queued. */
  return async function scanAlerts(): Promise<number> {
    const settings = await listActiveAlertSettings(deps.db);
    if (settings.length === 0) return 0;
    const at = clock();
    const fixtures = await priced(at);
    let queued = 0;
    for (const s of settings) {
      const zone = isKnownTimeZone(s.timezone) ? s.timezone : 'Europe/Moscow';
      const local = localTime(at, zone);
      if (inQuietHours(s.quiet, local.time)) continue;
      let today = await countValueAlerts(deps.db, s.chatId, local.date);
      for (const p of fixtures) {
        for (const e of p.edges) {
          if (today >= s.maxPerDay) break;
          if (!wants(s, p.league, e)) continue;
          const id = await recordValueAlert(deps.db, {
            chatId: s.chatId,
            fixtureId: p.fixture.id,
            market: e.market,
            side: e.edge.outcome,
            bookmaker: e.bookmaker,
            price: e.edge.price,
            modelProb: e.edge.model,
            marketProb: e.edge.market,
            localDate: local.date,
            createdAt: at,
          });
          if (id === null) continue;
          today += 1;
          const kickoff = localTime(p.fixture.kickoffAt, zone);
          const { text, buttons } = renderAlert(
            {
              alertId: id,
              fixtureId: p.fixture.id,
              league: p.league,
              home: p.home,
              away: p.away,
              kickoff: `${kickoff.date} ${kickoff.time}`,
              market: e.market,
              side: e.edge.outcome,
              bookmaker: e.bookmaker,
              price: e.edge.price,
              model: e.edge.model,
              marketProb: e.edge.market,
            },
            s.language,
          );
          const jobId = `alert-${id}`;
          await deps.queue.enqueue(
            'outbox',
            {
              chatId: String(s.chatId),
              text: text.toString(),
              parseMode: 'HTML',
              kind: 'alert',
              dedupeKey: jobId,
              buttons,
            },
            { jobId },
          );
          await markValueAlertQueued(deps.db, id, clock());
          queued += 1;
        }
      }
    }
    return queued;
  };
}
