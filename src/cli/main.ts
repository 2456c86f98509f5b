import { EXIT, UsageError, type Command, type CommandIO, type ExitCode } from './command.js';
import { demoCommand } from './commands/demo.js';
import { policyTestCommand } from './commands/policy-test.js';
import { policyValidateCommand } from './commands/policy-validate.js';
import { runCommand } from './commands/run.js';
import { scanCommand } from './commands/scan.js';
import { USAGE } from './usage.js';

const COMMANDS: Record<string, Command> = {
  scan: scanCommand,
  run: runCommand,
  demo: demoCommand,
  'policy validate': policyValidateCommand,
  'policy test': policyTestCommand,
};

export async function runCli(argv: string[], io: CommandIO): Promise<ExitCode> {
  const [first, second] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(USAGE);
    return first === undefined ? EXIT.failure : EXIT.ok;
  }
  const twoWords = `${first} ${second ?? ''}`;
  const name = COMMANDS[twoWords] ? twoWords : first;
  const command = COMMANDS[name];
  if (!command) return fail(io, `unknown command "${first}"; run "driftback help"`);
  const args = argv.slice(name.split(' ').length);
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, error.message);
    if (isArgumentError(error)) return fail(io, error.message);
    throw error;
  }
}

/**
 * node:util parseArgs throws a plain TypeError (code ERR_PARSE_ARGS_*) for an unknown flag or a
 * missing value: bad input like any other, so exit 2 with one line. Duck-typed, as errors from
 * Node core may come from another realm.
 */
function isArgumentError(error: unknown): error is { message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_') && typeof message === 'string';
}

function fail(io: CommandIO, message: string): ExitCode {
  io.stderr.write(`driftback: ${message}\n`);
  return EXIT.failure;
}
