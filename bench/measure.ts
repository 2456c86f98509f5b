import { performance } from 'node:perf_hooks';

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

/** Runs `work` once to warm up, then `runs` times; the median is what reports quote. */
export function time(work: () => void, runs = 7): Timing {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    global.gc?.();
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), runs };
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Samples RSS and heap every few ms while running; reports the peaks. */
export async function withPeakMemory<T>(work: () => Promise<T> | T): Promise<{ result: T; peakRss: number; peakHeap: number }> {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 5);
  try {
    sample();
    const result = await work();
    sample();
    return { result, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}
