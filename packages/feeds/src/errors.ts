/**
 * A feed file that is not in the expected format at all (wrong header, binary, empty).
 * Row-level problems are not errors: they are reported as rejects so an import can go on.
 */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';

  /**
   * @param file - the file (or source label) that failed, always part of the message
   * @param reason - what is wrong with it
   */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
