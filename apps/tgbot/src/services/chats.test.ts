// The bot keeps the chat rows it read or wrote: an update costs no query, and what this process
// writes is seen at once.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getChat, markChatBlocked, migrateLatest, upsertChat, type Db } from '@scoreline/db';
import { createSqliteTestDb, type TestDatabase } from '@test-support/databases';
import { CHAT_TTL_MS, createChatService } from './chats';

let handle: TestDatabase;
let db: Db;
let clock = 0;
let queries = 0;
const count = () => {
  queries += 1;
};

beforeEach(async () => {
  handle = await createSqliteTestDb();
  db = handle.db;
  await migrateLatest(db);
  clock = 0;
  queries = 0;
  db.writer.on('query', count);
});
afterEach(async () => {
  db.writer.off('query', count);
  await handle.dispose();
});

describe('chat service', () => {
  it('When a chat is read again within the TTL, then the second read costs no query', async () => {
    await upsertChat(db, 1, { language: 'en' });
    const chats = createChatService(db, { now: () => clock });

    const first = await chats.get(1);
    const before = queries;
    clock += CHAT_TTL_MS - 1;
    const second = await chats.get(1);

    expect(first).toMatchObject({ chatId: 1, language: 'en' });
    expect(second).toEqual(first);
    expect(queries).toBe(before);
  });

  it('When another process changed the row, then it is read again once the TTL has passed', async () => {
    await upsertChat(db, 2, { language: 'en' });
    const chats = createChatService(db, { now: () => clock });
    await chats.get(2);

    await upsertChat(db, 2, { language: 'ru' });
    const stale = await chats.get(2);
    clock += CHAT_TTL_MS;
    const fresh = await chats.get(2);

    expect(stale?.language).toBe('en');
    expect(fresh?.language).toBe('ru');
  });

  it('When the bot changes a chat, then the next read sees the change without a query', async () => {
    const chats = createChatService(db, { now: () => clock });
    await chats.get(3);
    await chats.upsert(3, { timezone: 'Europe/London' });

    const before = queries;
    const read = await chats.get(3);

    expect(read?.timezone).toBe('Europe/London');
    expect(queries).toBe(before);
    expect((await getChat(db, 3))?.timezone).toBe('Europe/London');
  });

  it('When a chat is marked blocked here or forgotten after a write elsewhere, then the next read sees it blocked', async () => {
    const chats = createChatService(db, { now: () => clock });
    await chats.upsert(4);
    await chats.upsert(5);

    await chats.markBlocked(4);
    await markChatBlocked(db, 5);
    chats.forget(5);

    expect((await chats.get(4))?.blocked).toBe(true);
    expect((await chats.get(5))?.blocked).toBe(true);
  });

  it('When a chat was never seen, then it is not kept and its creation is read at once', async () => {
    const chats = createChatService(db, { now: () => clock });

    const missing = await chats.get(6);
    await upsertChat(db, 6, { language: 'en' });

    expect(missing).toBeNull();
    expect((await chats.get(6))?.language).toBe('en');
  });
});
