import { describe, expect, it } from '@jest/globals';
import { RUN_OPTIONS } from '../../../src/cli/commands/run.js';
import { SCAN_OPTIONS } from '../../../src/cli/commands/scan.js';
import { USAGE } from '../../../src/cli/usage.js';

/** The flags USAGE shows on the lines of one command (from its `driftback <command>` line to the next). */
function usageFlags(command: string): string[] {
  const lines = USAGE.split('\n');
  const start = lines.findIndex((line) => line.trimStart().startsWith(`driftback ${command} `));
  const end = lines.findIndex((line, i) => i > start && /^\s*driftback /.test(line));
  const block = lines.slice(start, end < 0 ? undefined : end).join('\n');
  return [...new Set(block.match(/--[a-z][a-z-]*/g))].sort();
}

const flagsOf = (options: object) => Object.keys(options).map((name) => `--${name}`).sort();

// USAGE is what scripts, the GitHub Action, the chart and the CronJob are checked against.
describe('USAGE', () => {
  it.each([
    ['scan', SCAN_OPTIONS],
    ['run', RUN_OPTIONS],
  ])('names exactly the flags %s accepts', (command, options) => {
    expect(usageFlags(command)).toEqual(flagsOf(options));
  });
});
