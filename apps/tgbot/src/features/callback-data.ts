// Every feature's button payloads as one codec: what the tests round-trip, and the check that
// no two features claim one prefix (also made by the router when the bot is built).
import { combineCallbacks, type CallbackActionBase } from '../callbacks/codec';
import { FEATURES } from './index';

export { CALLBACK_DATA_LIMIT } from '../callbacks/codec';

/** A decoded press: its kind and the fields its feature's codec reads. */
export type CallbackAction = CallbackActionBase & Record<string, unknown>;

const codec = combineCallbacks(FEATURES.flatMap((f) => f.callbacks ?? []).map((r) => r.codec));

export function encodeCallback(action: CallbackAction): string {
  return codec.encode(action);
}

export function decodeCallback(data: unknown): CallbackAction | null {
  return codec.decode(data) as CallbackAction | null;
}
