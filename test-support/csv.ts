// Reading a CSV a test wrote or received, with the parser the importer uses (csv-parse), so tests
// never carry CSV readers of their own.
import { parse } from 'csv-parse/sync';

/** The rows of an RFC 4180 text: quoted fields may hold commas, quotes and line breaks. */
export function readCsv(text: string): string[][] {
  return parse(text);
}
