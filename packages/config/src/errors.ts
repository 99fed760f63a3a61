/**
 * Invalid configuration. `problems` holds one line per bad variable, naming it and what is
 * expected — never its value, so the lines are safe to print.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
