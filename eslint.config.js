import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each SDK lives in one folder (see docs/adr/0001-pipeline-stages.md); these blocks enforce it.
const sdkOwners = [
  { sdk: '@kubernetes/client-node', owner: 'src/cluster/**' },
  { sdk: 'simple-git', owner: 'src/{baseline,codify/git}/**' },
  { sdk: '@octokit/*', owner: 'src/codify/github/**' },
];

const restrictions = sdkOwners.map(({ sdk, owner }) => ({
  files: ['src/**/*.ts'],
  ignores: [owner],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: [sdk, `${sdk}/*`], message: `${sdk} is used only in ${owner}.` }] },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...restrictions,
);
