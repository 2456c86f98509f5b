import { isJsonObject, type JsonValue } from '../../model/index.js';

/**
 * The JSONPath subset CRD printer columns use: `.a.b`, `[0]`, `[*]` and filters like
 * `[?(@.type=="Ready")]`. Returns every match, in order.
 */
export function evaluateJsonPath(root: JsonValue, path: string): JsonValue[] {
  const steps = path.trim().replace(/^\{|\}$/g, '').replace(/^\$/, '').match(/\.[^.[]+|\[[^\]]*\]/g) ?? [];
  let current: JsonValue[] = [root];
  for (const step of steps) current = current.flatMap((node) => applyStep(node, step));
  return current;
}

function applyStep(node: JsonValue, step: string): JsonValue[] {
  if (step.startsWith('.')) {
    const value = isJsonObject(node) ? node[step.slice(1)] : undefined;
    return value === undefined ? [] : [value];
  }
  const inner = step.slice(1, -1).trim();
  if (!Array.isArray(node)) return [];
  if (inner === '*') return node;
  if (/^-?\d+$/.test(inner)) {
    const index = Number(inner);
    const value = node[index < 0 ? node.length + index : index];
    return value === undefined ? [] : [value];
  }
  const filter = /^\?\(@\.([\w.-]+)\s*==\s*["']?([^"']*)["']?\)$/.exec(inner);
  if (!filter?.[1]) return [];
  const [, field, expected] = filter;
  return node.filter((element) => {
    const [value] = evaluateJsonPath(element, `.${field}`);
    return value !== undefined && String(value) === expected;
  });
}
