import { LineCounter, parseAllDocuments } from 'yaml';
import { PolicyError } from './policy-error.js';
import { validatePolicy, type LoadedPolicy } from './validate-policy.js';

/** Parses DriftPolicy YAML (multi-document); empty documents are skipped. Throws PolicyError. */
export function parsePolicyDocuments(text: string, origin: string): LoadedPolicy[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(documents) ? documents : [documents];
  const policies: LoadedPolicy[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      const at = lineCounter.linePos(error.pos[0]);
      const where = `${origin}:${at.line}:${at.col}`;
      throw new PolicyError({ origin: where }, `does not parse: ${firstLine(error.message)}`, { cause: error });
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      throw new PolicyError({ origin }, `does not parse: ${firstLine(String(cause))}`, { cause });
    }
    if (value === null || value === undefined) continue;
    policies.push(validatePolicy(value, origin));
  }
  return policies;
}

/** A DriftPolicy as the operator reads it from the cluster; same validation as files. */
export function loadPolicyObject(value: unknown, origin?: string): LoadedPolicy {
  const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return validatePolicy(value, origin ?? `DriftPolicy ${typeof name === 'string' ? name : '(unnamed)'}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
