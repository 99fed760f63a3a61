import type { Logger } from '@scoreline/ops';
/**
 * Where the data lives. Built by the boot code from the typed Config; db never reads the
 * environment itself.
 */
export type DatabaseSettings =
  | { client: 'sqlite'; path: string }
  | {
      client: 'pg';
      /** Read-write DSN. */
      writerUrl: string;
      /** Read-only DSN for reads that tolerate lag; falls back to the writer. */
      readerUrl?: string;
      /** Replica DSN for heavy reads; falls back to the reader. */
      replicaUrl?: string;
      /** Schema to work in (sets `search_path`), e.g. a per-test schema. */
      searchPath?: string;
    };

/** Options for {@link createDb}. */
export interface CreateDbOptions {
  logger?: Logger;
}
