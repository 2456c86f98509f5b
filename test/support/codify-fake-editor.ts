import type { SourceEditor } from '../../src/codify/index.js';

/**
 * Stands in for src/codify/edit until it lands: replaces `key: <baseline>` scalars in place
 * and skips everything else, with the reason the real editor would give.
 */
export const fakeEditor: SourceEditor = (text, _documentIndex, changes) => {
  let edited = text;
  const applied = [];
  const skipped = [];
  for (const change of changes) {
    const key = change.path.split('/').pop() ?? '';
    const pattern = new RegExp(`^(\\s*${key}: )${String(change.baseline)}(?=\\s|$)`, 'm');
    if (change.op === 'replace' && typeof change.live !== 'object' && pattern.test(edited)) {
      edited = edited.replace(pattern, `$1${String(change.live)}`);
      applied.push(change);
    } else {
      skipped.push({ change, reason: 'the fake editor only replaces scalars' });
    }
  }
  return { text: edited, applied, skipped };
};
