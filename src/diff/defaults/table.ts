import type { RuleGroup } from './compile-table.js';

export const DEFAULT_TABLE: readonly RuleGroup[] = [
  {
    kinds: ['apps/Deployment'],
    prefixes: [[]],
    rules: [
      { path: 'spec.replicas', value: 1, detail: 'API server default for Deployment.spec.replicas (1)' },
      { path: 'spec.revisionHistoryLimit', value: 10, detail: 'API server default for Deployment.spec.revisionHistoryLimit (10)' },
      { path: 'spec.progressDeadlineSeconds', value: 600, detail: 'API server default for Deployment.spec.progressDeadlineSeconds (600)' },
    ],
  },
  {
    kinds: ['apps/Deployment'],
    prefixes: [['spec', 'template', 'spec', 'containers', '*']],
    rules: [
      { path: 'terminationMessagePath', value: '/dev/termination-log', detail: 'API server default for Container.terminationMessagePath' },
      { path: 'terminationMessagePolicy', value: 'File', detail: 'API server default for Container.terminationMessagePolicy' },
      { path: 'resources', value: {}, detail: 'API server serializes an empty Container.resources' },
    ],
  },
];
