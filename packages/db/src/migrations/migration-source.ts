import type { Knex } from 'knex';
import * as opsTables from './001-ops-tables.migration';
import * as domainTables from './002-domain-tables.migration';
import * as modelReports from './003-model-reports.migration';
import * as bootstrapState from './004-bootstrap-state.migration';
import * as betting from './005-betting.migration';
import * as predictionLedger from './006-prediction-ledger.migration';
import * as outboxDeliveries from './007-outbox-deliveries.migration';
import * as predictionSealQueue from './008-prediction-seal-queue.migration';

// Ordered list of every migration. Imported, not scanned from a directory, so the same code
// runs from tsc output and under ts-jest. Names are permanent: knex records them.
const MIGRATIONS: ReadonlyArray<readonly [string, Knex.Migration]> = [
  ['001_ops_tables', opsTables],
  ['002_domain_tables', domainTables],
  ['003_model_reports', modelReports],
  ['004_bootstrap_state', bootstrapState],
  ['005_betting', betting],
  ['006_prediction_ledger', predictionLedger],
  ['007_outbox_deliveries', outboxDeliveries],
  ['008_prediction_seal_queue', predictionSealQueue],
];

/** The names of all migrations, oldest first. */
export const MIGRATION_NAMES: readonly string[] = MIGRATIONS.map(([name]) => name);

/** knex MigrationSource over the static list above. */
export class StaticMigrationSource implements Knex.MigrationSource<string> {
  private readonly byName = new Map(MIGRATIONS);

  getMigrations(): Promise<string[]> {
    return Promise.resolve([...MIGRATION_NAMES]);
  }

  getMigrationName(migration: string): string {
    return migration;
  }

  getMigration(migration: string): Promise<Knex.Migration> {
    const found = this.byName.get(migration);
    if (!found) return Promise.reject(new Error(`unknown migration ${migration}`));
    return Promise.resolve(found);
  }
}
