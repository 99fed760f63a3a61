// TELEGRAM_PROXY_URL: Bot API traffic through an HTTP(S) or SOCKS proxy (the config accepts
// http://, https://, socks://, socks4:// and socks5://).
import type { Agent } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';

export function proxyAgent(proxyUrl: string | undefined): Agent | undefined {
  if (!proxyUrl) return undefined;
  const protocol = new URL(proxyUrl).protocol;
  return protocol.startsWith('socks')
    ? new SocksProxyAgent(proxyUrl)
    : new HttpsProxyAgent(proxyUrl, { keepAlive: true });
}
