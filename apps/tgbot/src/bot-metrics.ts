// What the bot adds to /metrics (the api port in ROLE=all, METRICS_PORT for tgbot alone): the
// updates it handles, how its predictions end and how long they take, Telegram's error answers,
// and what became of outbox messages.
import { Counter, Histogram, type Registry } from 'prom-client';

// Plain function properties, so they can be handed on as callbacks.
export interface BotMetrics {
  update: (type: string) => void;
  prediction: (outcome: string, seconds: number) => void;
  telegramError: (method: string, code: number) => void;
  outbox: (result: 'sent' | 'skipped' | 'failed') => void;
}

export function createBotMetrics(registry: Registry): BotMetrics {
  const registers = [registry];
  const updates = new Counter({
    name: 'scoreline_bot_updates_total',
    help: 'Telegram updates handled, by update type.',
    labelNames: ['type'] as const,
    registers,
  });
  const predictions = new Histogram({
    name: 'scoreline_bot_prediction_seconds',
    help: 'Time from asking the worker to its answer, by outcome (ok, timeout, unknown_team, …).',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers,
  });
  const errors = new Counter({
    name: 'scoreline_bot_telegram_errors_total',
    help: 'Bot API error answers (429s that were waited out included), by method and code.',
    labelNames: ['method', 'code'] as const,
    registers,
  });
  const outbox = new Counter({
    name: 'scoreline_bot_outbox_total',
    help: 'Outbox messages by result: sent, skipped (blocked chat), failed (to be retried or not).',
    labelNames: ['result'] as const,
    registers,
  });
  return {
    update: (type) => updates.inc({ type }),
    prediction: (outcome, seconds) => predictions.observe({ outcome }, seconds),
    telegramError: (method, code) => errors.inc({ method, code: String(code) }),
    outbox: (result) => outbox.inc({ result }),
  };
}
