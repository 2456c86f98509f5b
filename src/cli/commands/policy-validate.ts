import { EXIT, UsageError, type Command, type ExitCode } from '../command.js';
import { parseCommandArgs } from './policy-args.js';
import { readPolicyFile, resolvePolicySources } from '../../scan/index.js';
import { compilePolicies, PolicyError, type LoadedPolicy } from '../../policy/index.js';

/**
 * `driftback policy validate <file|dir>...`: every policy is loaded and compiled on its own, so
 * one run lists every problem; a line per policy on stdout, a line per error on stderr.
 */
export const policyValidateCommand: Command = async (argv, io) => {
  const { positionals } = parseCommandArgs(argv, {}, true);
  if (positionals.length === 0) throw new UsageError('policy validate needs at least one <file|dir>');

  let failed = false;
  const report = (error: unknown): void => {
    if (!(error instanceof PolicyError)) throw error;
    io.stderr.write(`driftback: ${error.message}\n`);
    failed = true;
  };
  const valid: LoadedPolicy[] = [];
  for (const spec of positionals) {
    let policies: LoadedPolicy[] = [];
    try {
      const [source] = await resolvePolicySources([spec], io.cwd);
      policies = source?.builtin ?? [];
      for (const file of source?.files ?? []) {
        try {
          policies.push(...(await readPolicyFile(file, io.cwd)));
        } catch (error) {
          report(error);
        }
      }
    } catch (error) {
      report(error);
    }
    for (const loaded of policies) {
      try {
        compilePolicies([loaded]);
        const count = loaded.policy.spec.rules.length;
        io.stdout.write(`ok ${loaded.origin}: policy ${loaded.policy.metadata.name} (${count} rule${count === 1 ? '' : 's'})\n`);
        valid.push(loaded);
      } catch (error) {
        report(error);
      }
    }
  }
  if (!failed) {
    try {
      compilePolicies(valid);
    } catch (error) {
      report(error);
    }
  }
  return (failed ? EXIT.failure : EXIT.ok) as ExitCode;
};
