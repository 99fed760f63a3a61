import { afterAll, beforeAll, describe } from '@jest/globals';
import { join } from 'node:path';
import { createDb } from './create-db';
import { runRepositorySuite } from './test-support/repository-suite';
import { makeTempDir } from './test-support/temp-dir';

describe('repositories on SQLite', () => {
  let tmp: ReturnType<typeof makeTempDir>;

  beforeAll(() => {
    tmp = makeTempDir();
  });

  afterAll(() => {
    tmp.remove();
  });

  runRepositorySuite(() =>
    createDb({ client: 'sqlite', path: join(tmp.dir, 'data', 'bot.sqlite3') }),
  );
});
