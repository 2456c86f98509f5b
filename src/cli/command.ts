/** What a CLI command gets from the outside world; tests pass their own. */
export interface CommandIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command reads its own arguments (after the command words) and returns its exit code. */
export type Command = (argv: string[], io: CommandIO) => Promise<ExitCode>;

/** Thrown for bad input; the CLI prints `driftback: <message>` as one line and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
