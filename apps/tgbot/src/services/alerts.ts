// A chat's value-alert settings (the worker's scan reads them) and the alerts it was sent.
import {
  getAlertSettings,
  getValueAlert,
  saveAlertSettings,
  type AlertSettings,
  type AlertSettingsPatch,
  type Db,
  type ValueAlert,
} from '@scoreline/db';
import { leaguePredictability, VALUE_MARKETS, type Predictability } from '@scoreline/training';

/** What a chat that never opened /alerts has: off, 5 p.p., every league and market, 5 a day. */
export const DEFAULT_ALERTS: Omit<AlertSettings, 'chatId'> = {
  enabled: false,
  minEdge: 5,
  leagues: [],
  mutedLeagues: [],
  markets: [...VALUE_MARKETS],
  maxPerDay: 5,
  quiet: null,
};

export interface AlertService {
  get(chatId: number): Promise<AlertSettings>;
  update(chatId: number, patch: AlertSettingsPatch, at: Date): Promise<AlertSettings>;
  /** The chat's alert `id` (null when it is not the chat's). */
  alert(chatId: number, id: number): Promise<ValueAlert | null>;
  /** Stops alerts from `league` for the chat. */
  mute(chatId: number, league: string, at: Date): Promise<AlertSettings>;
  /** Whether value bets may be offered in the league (its champion's flag). */
  predictability(leagueCode: string): Promise<Predictability>;
}

export function createAlertService(db: Db): AlertService {
  const get = async (chatId: number) =>
    (await getAlertSettings(db, chatId)) ?? { chatId, ...DEFAULT_ALERTS };
  return {
    get,
    update: (chatId, patch, at) => saveAlertSettings(db, chatId, patch, at),
    async alert(chatId, id) {
      const a = await getValueAlert(db, id);
      return a && a.chatId === chatId ? a : null;
    },
    async mute(chatId, league, at) {
      const s = await get(chatId);
      const mutedLeagues = s.mutedLeagues.includes(league)
        ? s.mutedLeagues
        : [...s.mutedLeagues, league];
      return saveAlertSettings(db, chatId, { mutedLeagues }, at);
    },
    predictability: (code) => leaguePredictability(db, code),
  };
}
