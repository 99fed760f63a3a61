// The Telegram client the outbox sends through. It shares the bot's call policy (403 → blocked,
// a refused HTML text sent again as plain text) but never waits out a 429 itself: the outbox
// processor must see it to pause the shared limiter, or the other outbox sends would carry on
// while one call sleeps through retry_after.
import type { Agent } from 'node:http';
import { Telegram } from 'telegraf';
import { applyCallPolicy, type CallPolicyOptions } from '../telegram/call-policy';
import { routeThroughProxy } from '../run/proxy-agent';

export function createOutboxTelegram(opts: {
  token: string;
  apiRoot: string;
  agent?: Agent;
  policy: CallPolicyOptions;
}): Telegram {
  const telegram = new Telegram(opts.token, {
    apiRoot: opts.apiRoot,
    webhookReply: false,
    ...(opts.agent ? { agent: opts.agent } : {}),
  });
  applyCallPolicy(telegram, { ...opts.policy, maxAttempts: 1 });
  if (opts.agent) routeThroughProxy(telegram, opts.agent);
  return telegram;
}
