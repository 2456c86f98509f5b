import { expect } from '@jest/globals';
import { linesOf, type CliRun } from './cli-harness.js';

/** Exit 2, exactly one line on stderr (a driftback line), matching every pattern; returns the line. */
export function expectOneErrorLine(run: CliRun, ...patterns: RegExp[]): string {
  expect(run.code).toBe(2);
  const lines = linesOf(run.stderr);
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(/^driftback: /);
  for (const pattern of patterns) expect(line).toMatch(pattern);
  return line;
}
