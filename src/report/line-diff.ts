export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line numbers in the old and new text (the side a line is absent from keeps the next one's). */
  oldLine: number;
  newLine: number;
}

/** Beyond this many differing lines the middle is shown as removed and added whole. */
const MAX_EDIT_DISTANCE = 500;

/**
 * A shortest line diff (Myers' O(ND) algorithm) after trimming the common head and tail. Texts
 * that differ almost everywhere are shown as one block removed and one added, so a rewritten
 * 25 KB dashboard costs no more than a changed line in it.
 */
export function diffLines(oldLines: readonly string[], newLines: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (
    tail < oldLines.length - head &&
    tail < newLines.length - head &&
    oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]
  ) {
    tail++;
  }
  const a = oldLines.slice(head, oldLines.length - tail);
  const b = newLines.slice(head, newLines.length - tail);
  const middle = myers(a, b) ?? [...a.map(() => '-' as const), ...b.map(() => '+' as const)];

  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  const push = (op: DiffLine['op'], text: string) => out.push({ op, text, oldLine: i + 1, newLine: j + 1 });
  for (; i < head; i++, j++) push(' ', oldLines[i]!);
  for (const op of middle) {
    if (op === '-') push('-', oldLines[i++]!);
    else if (op === '+') push('+', newLines[j++]!);
    else {
      push(' ', oldLines[i]!);
      i++;
      j++;
    }
  }
  for (; i < oldLines.length; i++, j++) push(' ', oldLines[i]!);
  return out;
}

/** The edit script from a to b, or undefined when more than MAX_EDIT_DISTANCE edits are needed. */
function myers(a: readonly string[], b: readonly string[]): DiffLine['op'][] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = MAX_EDIT_DISTANCE + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDIT_DISTANCE); d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, offset, n, m);
    }
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], offset: number, n: number, m: number): DiffLine['op'][] {
  const ops: DiffLine['op'][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; x--, y--) ops.push(' ');
    ops.push(down ? '+' : '-');
    x = prevX;
    y = prevY;
  }
  for (; x > 0 && y > 0; x--, y--) ops.push(' ');
  return ops.reverse();
}
