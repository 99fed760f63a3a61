// The text of one daily digest: the next 24 hours of fixtures with the model's 1X2
// probabilities, as Telegram HTML (every name escaped), in the chat's language.
import type { ChatLanguage } from '@scoreline/db';
import { TELEGRAM_TEXT_LIMIT, tgHtml } from '@scoreline/queue';
import { localTime } from './local-time';

export interface DigestFixture {
  kickoffAt: Date;
  home: string;
  away: string;
  /** Home/draw/away, when a champion model could price the match. */
  probs: [number, number, number] | null;
}

export interface DigestLeague {
  code: string;
  name: string;
  fixtures: DigestFixture[];
}

const TEXT = {
  ru: {
    title: 'Прогнозы на ближайшие 24 часа',
    noModel: 'модели пока нет',
    more: (n: number) => `…и ещё ${n}`,
  },
  en: {
    title: 'Predictions for the next 24 hours',
    noModel: 'no model yet',
    more: (n: number) => `…and ${n} more`,
  },
} as const;

const pct = (p: number) => `${Math.round(p * 100)}%`;

function fixtureLine(f: DigestFixture, lang: ChatLanguage, timeZone: string): string {
  const t = localTime(f.kickoffAt, timeZone).time;
  const probs = f.probs
    ? tgHtml`1 ${pct(f.probs[0])} · X ${pct(f.probs[1])} · 2 ${pct(f.probs[2])}`
    : tgHtml`<i>${TEXT[lang].noModel}</i>`;
  return tgHtml`<b>${t}</b> ${f.home} — ${f.away}: ${probs}`.toString();
}

/** The digest, within Telegram's message limit (extra fixtures are counted, not listed). */
export function renderDigest(
  leagues: readonly DigestLeague[],
  lang: ChatLanguage,
  timeZone: string,
): string {
  const t = TEXT[lang];
  const lines: string[] = [tgHtml`<b>${t.title}</b>`.toString()];
  const all = leagues.flatMap((l) => [
    { head: true, text: tgHtml`\n<b>${l.name}</b> (${l.code})`.toString() },
    ...l.fixtures.map((f) => ({ head: false, text: fixtureLine(f, lang, timeZone) })),
  ]);
  let length = lines[0]!.length;
  const reserve = 40; // room for the "…and N more" line
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (length + line.text.length + 1 > TELEGRAM_TEXT_LIMIT - reserve) {
      const left = all.slice(i).filter((l) => !l.head).length;
      if (left > 0) lines.push(tgHtml`${t.more(left)}`.toString());
      break;
    }
    lines.push(line.text);
    length += line.text.length + 1;
  }
  return lines.join('\n');
}
