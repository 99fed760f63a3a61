import type { Output } from '../context';

/** An Output that records every line, for asserting what a command printed. */
export function capture(): { output: Output; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l) => out.push(l), err: (l) => err.push(l) }, out, err };
}
