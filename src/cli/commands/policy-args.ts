import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from '../command.js';

/** For the policy commands: node:util parseArgs, strict, with its errors (unknown flag, missing value) as UsageError. */
export function parseCommandArgs<T extends ParseArgsOptionsConfig>(argv: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
