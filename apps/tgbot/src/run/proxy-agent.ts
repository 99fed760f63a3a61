// TELEGRAM_PROXY_URL: Bot API traffic through an HTTP(S) or SOCKS proxy (the config accepts
// http://, https://, socks://, socks4:// and socks5://).
import type { Agent } from 'node:http';
import type { Telegram } from 'telegraf';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';

export function proxyAgent(proxyUrl: string | undefined): Agent | undefined {
  if (!proxyUrl) return undefined;
  const protocol = new URL(proxyUrl).protocol;
  return protocol.startsWith('socks')
    ? new SocksProxyAgent(proxyUrl)
    : new HttpsProxyAgent(proxyUrl, { keepAlive: true });
}

/**
 * Makes `telegram` use `agent`. telegraf drops a configured agent when the API root is http://
 * (a local Bot API server), and builds a fresh client per update from the same options, so the
 * agent is put back on every client the bot uses.
 */
export function routeThroughProxy(telegram: Telegram, agent: Agent): void {
  (telegram as unknown as { options: { agent?: Agent } }).options.agent = agent;
}
