import { describe, expect, it } from '@jest/globals';

// Pins the toolchain facts the project relies on: jest runs ESM TypeScript on Node 22 and
// loads the ESM-only and CommonJS packages the stages use.
describe('toolchain', () => {
  it('runs on the pinned Node 22', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
  });

  it('imports the design-card packages under ESM', async () => {
    const k8s = await import('@kubernetes/client-node');
    const { simpleGit } = await import('simple-git');
    const YAML = await import('yaml');
    const jsonpatch = (await import('fast-json-patch')).default;
    const cel = await import('@marcbachmann/cel-js');
    expect(typeof k8s.KubeConfig).toBe('function');
    expect(typeof simpleGit).toBe('function');
    expect(YAML.parse('a: 1')).toEqual({ a: 1 });
    expect(jsonpatch.compare({ a: 1 }, { a: 2 })).toEqual([{ op: 'replace', path: '/a', value: 2 }]);
    expect(Object.keys(cel).length).toBeGreaterThan(0);
  });
});
