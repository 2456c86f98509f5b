import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EXIT, UsageError, type Command, type CommandIO, type ExitCode } from '../command.js';
import { describeIoError, loadPolicySources } from '../../scan/index.js';
import { parseCommandArgs } from './policy-args.js';
import { compareObjects } from '../../diff/index.js';
import { describeRef, isJsonObject, type Change, type KubeObject, type ObjectRef, type Violation } from '../../model/index.js';
import { evaluateRules, PolicyError, toViolation, type RuleOutcome } from '../../policy/index.js';
import { collectSecretValues, scrubSecretValues } from '../../report/scrub-secrets.js';

const OPTIONS = {
  policy: { type: 'string', multiple: true },
  live: { type: 'string' },
  git: { type: 'string' },
  output: { type: 'string', default: 'table' },
} as const;
const OUTPUTS = ['table', 'json'] as const;

/**
 * `driftback policy test`: runs policies against one live object and its Git manifest, as a scan
 * would (changes from compareObjects), and prints every matching rule's result and the verdict.
 * Exit 0 compliant, 1 violating, 2 when it cannot run. Change values are never printed, and
 * Secret values of either object are scrubbed from the output as in scan.
 */
export const policyTestCommand: Command = async (argv, io) => {
  const { values } = parseCommandArgs(argv, OPTIONS, false);
  if (!values.policy?.length || !values.live || !values.git) {
    throw new UsageError('policy test needs --policy <file|dir|builtin:name>, --live <file> and --git <file>');
  }
  const output = values.output;
  if (!(OUTPUTS as readonly string[]).includes(output)) {
    throw new UsageError(`--output must be one of ${OUTPUTS.join(', ')} (got "${output}")`);
  }

  let outcomes: RuleOutcome[];
  let live: KubeObject;
  let git: KubeObject;
  let changes: Change[];
  try {
    const set = await loadPolicySources(values.policy, io.cwd);
    live = await readObject(values.live, io.cwd);
    git = await readObject(values.git, io.cwd);
    changes = compareObjects(live, git).changes;
    outcomes = evaluateRules(set, { object: live, oldObject: git, changes });
  } catch (error) {
    if (!(error instanceof PolicyError || error instanceof InputError)) throw error;
    io.stderr.write(`driftback: ${error.message}\n`);
    return EXIT.failure;
  }

  const violations = outcomes.flatMap((outcome) => toViolation(outcome) ?? []);
  const verdict = violations.length > 0 ? 'violating' : 'compliant';
  const secrets = collectSecretValues([live, git]);
  const out = { ...io, stdout: { write: (text: string) => io.stdout.write(scrubSecretValues(text, secrets)) } };
  if (output === 'json') writeJson(out, live, changes, outcomes, verdict, violations);
  else writeTable(out, live, changes, outcomes, verdict);
  return (verdict === 'violating' ? EXIT.findings : EXIT.ok) as ExitCode;
};

class InputError extends Error {}

async function readObject(file: string, cwd: string): Promise<KubeObject> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read: ${describeIoError(error)}`);
  }
  const documents = parseAllDocuments(text);
  const list = (Array.isArray(documents) ? documents : [documents]).filter((document) => document.contents !== null);
  const broken = list.find((document) => document.errors.length > 0);
  if (broken) throw new InputError(`${file}: does not parse: ${broken.errors[0]?.message.split('\n')[0]}`);
  if (list.length !== 1) throw new InputError(`${file}: expected one object, found ${list.length} documents`);
  const object: unknown = list[0]?.toJS({ maxAliasCount: 100 });
  const metadata = isJsonObject(object) ? object.metadata : undefined;
  if (!isJsonObject(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !isJsonObject(metadata) || typeof metadata.name !== 'string') {
    throw new InputError(`${file}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
  }
  return object as unknown as KubeObject;
}

function refOf({ apiVersion, kind, metadata: { namespace, name } }: KubeObject): ObjectRef {
  return { apiVersion, kind, ...(namespace ? { namespace } : {}), name };
}

function messageOf(outcome: RuleOutcome): string {
  return toViolation(outcome)?.message ?? '';
}

function writeTable(io: CommandIO, live: KubeObject, changes: Change[], outcomes: RuleOutcome[], verdict: string): void {
  const ref = describeRef(refOf(live));
  const drift = changes.length === 0 ? 'no drift (a scan gives no verdict)' : `${changes.length} change${changes.length === 1 ? '' : 's'}`;
  io.stdout.write(`${ref}: ${drift}\n`);
  for (const change of changes) io.stdout.write(`  ${change.op} ${change.path}\n`);
  if (outcomes.length === 0) {
    io.stdout.write('no rule matches this object\n');
  } else {
    const rows = [
      ['POLICY', 'RULE', 'RESULT', 'SEVERITY', 'MESSAGE'],
      ...outcomes.map((o) => [o.rule.policy, o.rule.rule, o.result, o.rule.severity, messageOf(o)]),
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows) io.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  }
  const failing = outcomes.filter((o) => o.result !== 'pass').length;
  io.stdout.write(`verdict: ${verdict}${failing > 0 ? ` (${failing} violation${failing === 1 ? '' : 's'})` : ''}\n`);
}

function writeJson(
  io: CommandIO,
  live: KubeObject,
  changes: Change[],
  outcomes: RuleOutcome[],
  verdict: string,
  violations: Violation[],
): void {
  const document = {
    object: refOf(live),
    changes: changes.map(({ op, path: pointer }) => ({ op, path: pointer })),
    results: outcomes.map((o) => ({
      policy: o.rule.policy,
      rule: o.rule.rule,
      result: o.result,
      severity: o.rule.severity,
      ...(o.result === 'pass' ? {} : { message: messageOf(o) }),
      ...(o.rule.reference !== undefined ? { reference: o.rule.reference } : {}),
    })),
    verdict,
    violations,
  };
  io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
