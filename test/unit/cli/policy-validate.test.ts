import { afterAll, describe, expect, it } from '@jest/globals';
import { UsageError } from '../../../src/cli/command.js';
import { policyValidateCommand } from '../../../src/cli/commands/policy-validate.js';
import { fakeIO, policyText, removeTempTrees, tempTree } from './policy-support.js';

afterAll(removeTempTrees);

describe('driftback policy validate', () => {
  it('prints one ok line per policy, directories read recursively, and exits 0', async () => {
    const root = await tempTree({
      'policies/a.yaml': policyText('a', [{ name: 'r', expression: 'true' }]),
      'policies/nested/b.yml': `${policyText('b', [{ name: 'r1', expression: 'true' }, { name: 'r2', expression: 'false' }])}---\n${policyText('c', [{ name: 'r', expression: 'true' }])}`,
      'policies/README.md': 'not a policy',
      'single.yaml': policyText('d', [{ name: 'r', expression: 'true' }]),
    });
    const io = fakeIO(root);
    expect(await policyValidateCommand(['policies', 'single.yaml', 'builtin:hardening'], io)).toBe(0);
    expect(io.out()).toBe(
      [
        'ok policies/a.yaml: policy a (1 rule)',
        'ok policies/nested/b.yml: policy b (2 rules)',
        'ok policies/nested/b.yml: policy c (1 rule)',
        'ok single.yaml: policy d (1 rule)',
        'ok builtin:hardening: policy hardening (13 rules)',
        '',
      ].join('\n'),
    );
    expect(io.err()).toBe('');
  });

  it('lists every error with file, policy, rule and reason, and exits 2', async () => {
    const root = await tempTree({
      'ok.yaml': policyText('fine', [{ name: 'r', expression: 'true' }]),
      'broken.yaml': 'apiVersion: [',
      'bad.yaml': `${policyText('bad', [{ name: 'r', expression: 'object.spec.replicas <=' }])}---\n${policyText('worse', [{ name: 'x', expression: '"a"' }])}`,
      'dup.yaml': policyText('dups', [{ name: 'same', expression: 'true' }, { name: 'same', expression: 'true' }]),
    });
    const io = fakeIO(root);
    expect(await policyValidateCommand(['ok.yaml', 'broken.yaml', 'bad.yaml', 'dup.yaml', 'missing.yaml', 'builtin:nope'], io)).toBe(2);
    expect(io.out()).toBe('ok ok.yaml: policy fine (1 rule)\n');
    const errors = io.err().trimEnd().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(/^driftback: broken\.yaml:1:\d+: does not parse: /),
      expect.stringMatching(/^driftback: bad\.yaml: policy bad rule r: does not compile: /),
      'driftback: bad.yaml: policy worse rule x: expression must yield bool, not string',
      'driftback: dup.yaml: policy dups rule same: duplicate rule name',
      'driftback: missing.yaml: cannot read: no such file or directory',
      'driftback: builtin:nope: unknown built-in policy; known: builtin:hardening',
    ]);
  });

  it('refuses two policies with one name across files', async () => {
    const root = await tempTree({
      'a.yaml': policyText('same', [{ name: 'r', expression: 'true' }]),
      'b.yaml': policyText('same', [{ name: 'r', expression: 'true' }]),
    });
    const io = fakeIO(root);
    expect(await policyValidateCommand(['a.yaml', 'b.yaml'], io)).toBe(2);
    expect(io.err()).toBe('driftback: b.yaml: policy same: duplicate policy name (also in a.yaml)\n');
  });

  it('refuses an empty directory', async () => {
    const root = await tempTree({ 'empty/notes.txt': 'x' });
    const io = fakeIO(root);
    expect(await policyValidateCommand(['empty'], io)).toBe(2);
    expect(io.err()).toBe('driftback: empty: no .yaml or .yml files in this directory\n');
  });

  it.each([
    [[], 'policy validate needs at least one <file|dir>'],
    [['--strict', 'a.yaml'], /unknown option '--strict'/i],
  ])('refuses %j as a usage error', async (argv, message) => {
    const run = policyValidateCommand(argv, fakeIO('/'));
    await expect(run).rejects.toThrow(UsageError);
    await expect(policyValidateCommand(argv, fakeIO('/'))).rejects.toThrow(message);
  });
});
