// What /stats and /export share: loading settled predictions with their market prices, finding a
// typed league, and sending a file within Telegram's limits (caption ≤ 1,024, ASCII file names).
import { listOddsForFixtures, listPredictions, type Prediction } from '@scoreline/db';
import {
  groupOddsByFixture,
  settledFixtureIds,
  trackRecord,
  type TrackRecord,
} from '@scoreline/training';
import type { Context } from 'telegraf';
import { Input } from 'telegraf';
import type { BotServices } from '../bot-context';
import { TELEGRAM_CAPTION_LIMIT } from '../format/split-message';

/** At most this many settled predictions are read for a track record (the newest). */
export const TRACK_RECORD_LIMIT = 20_000;

export interface LoadedTrackRecord {
  predictions: Prediction[];
  /** True when the limit cut older settled predictions off. */
  truncated: boolean;
  record: TrackRecord;
}

/** The track record of one league (or of every league) from the stored, settled predictions. */
export async function loadTrackRecord(
  s: BotServices,
  league: string | null,
): Promise<LoadedTrackRecord & { odds: ReturnType<typeof groupOddsByFixture> }> {
  const predictions = await listPredictions(s.db, {
    settled: true,
    ...(league ? { leagueCode: league } : {}),
    limit: TRACK_RECORD_LIMIT,
  });
  const odds = groupOddsByFixture(await listOddsForFixtures(s.db, settledFixtureIds(predictions)));
  return {
    predictions,
    truncated: predictions.length >= TRACK_RECORD_LIMIT,
    record: trackRecord(predictions, odds, league),
    odds,
  };
}

/** A caption cut to Telegram's limit. */
export function caption(text: string): string {
  return text.length <= TELEGRAM_CAPTION_LIMIT
    ? text
    : `${text.slice(0, TELEGRAM_CAPTION_LIMIT - 1)}…`;
}

/** An ASCII file name: anything outside [A-Za-z0-9._-] becomes `_`. */
export function asciiFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export async function sendPng(
  ctx: Context,
  png: Buffer,
  fileName: string,
  text: string,
): Promise<void> {
  await ctx.replyWithPhoto(Input.fromBuffer(png, asciiFileName(fileName)), {
    caption: caption(text),
  });
}

export async function sendFile(
  ctx: Context,
  bytes: Buffer,
  fileName: string,
  text: string,
): Promise<void> {
  await ctx.replyWithDocument(Input.fromBuffer(bytes, asciiFileName(fileName)), {
    caption: caption(text),
  });
}
