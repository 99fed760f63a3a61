import { describe, expect, it } from '@jest/globals';
import { decodeEntities, htmlToText, renderFile, renderMessage } from './render';

describe('terminal rendering of bot messages', () => {
  it('When the bot sends HTML, then tags are dropped and entities decoded', () => {
    expect(htmlToText('<b>Arsenal</b> &amp; <i>Chelsea</i> &lt;3 <code>/help</code>', false)).toBe(
      'Arsenal & Chelsea <3 /help',
    );
  });

  it('When an escaped tag is part of the text, then it stays literal text', () => {
    expect(htmlToText('&lt;b&gt;not bold&lt;/b&gt;', true)).toBe('<b>not bold</b>');
  });

  it('When the output is a terminal, then bold and italic become ANSI styles', () => {
    expect(htmlToText('<b>1X2</b> <i>SIM</i>', true)).toBe(
      '\u001b[1m1X2\u001b[22m \u001b[3mSIM\u001b[23m',
    );
  });

  it('When numeric entities appear, then they become their characters', () => {
    expect(decodeEntities('&#8212; &#x2013; &quot;x&quot; &unknown;')).toBe('— – "x" &unknown;');
  });

  it('When a message has inline buttons, then they are numbered across rows in reading order', () => {
    const text = renderMessage(
      {
        message_id: 5,
        text: '<b>Today</b>',
        parse_mode: 'HTML',
        edits: 0,
        reply_markup: {
          inline_keyboard: [
            [{ text: 'Arsenal – Chelsea', callback_data: 'a' }],
            [
              { text: '◀', callback_data: 'p' },
              { text: '▶', callback_data: 'n' },
            ],
          ],
        },
      },
      { color: false, edited: false },
    );

    expect(text).toBe('bot:\n  Today\n  [1] Arsenal – Chelsea\n  [2] ◀   [3] ▶\n');
  });

  it('When a message was edited, then its header says so', () => {
    const text = renderMessage(
      { message_id: 1, text: 'card', edits: 1 },
      { color: false, edited: true },
    );

    expect(text).toBe('bot (edited):\n  card\n');
  });

  it('When the bot sent a chart, then the line names it, its size and where it was saved, then the caption', () => {
    const text = renderFile(
      {
        message_id: 9,
        kind: 'photo',
        filename: 'calibration.png',
        data: Buffer.alloc(2048),
        caption: '<b>E0</b> calibration',
        parse_mode: 'HTML',
      },
      '.data/sandbox/chat-files/9-calibration.png',
      { color: false },
    );

    expect(text).toBe(
      'bot:\n  [photo: calibration.png, 2.0 KB, saved as .data/sandbox/chat-files/9-calibration.png]\n  E0 calibration\n',
    );
  });
});
