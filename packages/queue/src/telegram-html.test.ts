import { describe, expect, it } from '@jest/globals';
import { assertTelegramHtml, telegramHtmlProblems } from '@test-support/telegram-html';
import { escapeHtml, htmlToPlain, isHtml, joinHtml, tgHtml } from './telegram-html';

describe('tgHtml', () => {
  it('When values are interpolated, then strings and numbers are escaped and Html is kept', () => {
    const name = `Tom & "Jerry" <b>`;
    const text = tgHtml`<b>${name}</b> ${'<1%'} ${3} ${tgHtml`<i>ok</i>`}${null}${undefined}${false}`;

    expect(text.toString()).toBe('<b>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</b> &lt;1% 3 <i>ok</i>');
    expect(isHtml(text)).toBe(true);
    expect(isHtml(text.toString())).toBe(false);
  });

  it('When an escaped value is interpolated again, then it is not escaped twice', () => {
    expect(tgHtml`${escapeHtml('a & b')}`.toString()).toBe('a &amp; b');
  });

  it('When parts are joined, then strings are escaped and null, undefined and false are left out', () => {
    const text = joinHtml([tgHtml`<b>x</b>`, '', null, 'a<b', false, undefined, ['c', '&']], '\n');

    expect(text.toString()).toBe('<b>x</b>\n\na&lt;b\nc&amp;');
  });

  it('When HTML is flattened, then tags go before entities are decoded, so escaped tags stay text', () => {
    expect(
      htmlToPlain('<b>Home</b> &lt;b&gt;1&lt;/b&gt; &amp;amp; &#65;&#x42; &quot;q&quot;'),
    ).toBe('Home <b>1</b> &amp; AB "q"');
  });
});

describe('the Telegram HTML validator (test support)', () => {
  it('When a text is what Telegram accepts, then there is no problem', () => {
    for (const ok of [
      '<b>a</b> <i>b</i> <u>c</u> <s>d</s> <tg-spoiler>e</tg-spoiler>',
      '<span class="tg-spoiler">x</span> <a href="https://x.org/?a=1&amp;b=2">l</a>',
      '<pre><code class="language-ts">x &lt; y</code></pre> <blockquote expandable>q</blockquote>',
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &#128512; &quot;',
    ]) {
      expect(telegramHtmlProblems(ok)).toEqual([]);
    }
  });

  it('When a text would be refused, then each problem is named', () => {
    expect(telegramHtmlProblems('Home <1%')).toEqual([expect.stringContaining('unescaped "<"')]);
    expect(telegramHtmlProblems('a > b')).toEqual([expect.stringContaining('unescaped ">"')]);
    expect(telegramHtmlProblems('Tom & Jerry')).toEqual([expect.stringContaining('"&"')]);
    expect(telegramHtmlProblems('<b>x')).toEqual(['<b> is never closed']);
    expect(telegramHtmlProblems('<b><i>x</b></i>')).toContain('</b> closes <i>');
    expect(telegramHtmlProblems('<div>x</div>')).toContain('unsupported tag <div>');
    expect(telegramHtmlProblems('<span>x</span>')).toContain('<span> without class="tg-spoiler"');
    expect(telegramHtmlProblems('<a>x</a>')).toContain('<a> without href');
    expect(telegramHtmlProblems('<b onclick="x">x</b>')).toContain(
      '<b> has an unsupported attribute onclick',
    );
    expect(telegramHtmlProblems('<code><b>x</b></code>')).toContain('<b> inside <code>');
    expect(() => assertTelegramHtml('<b>x', 'reply')).toThrow(/reply is not valid/);
  });
});
