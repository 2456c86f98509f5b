import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The architecture, enforced (docs/adr/0001-pipeline-stages.md): each SDK is imported by one
 * folder only, the pure stages import only the model, and the product never imports the
 * stand-in API server. In flat config a later block that sets a rule for a file replaces an
 * earlier one, so every file gets exactly one `no-restricted-imports` holding all its limits:
 * one block per area below, and the areas do not overlap.
 */
const SDKS = [
  { sdk: '@kubernetes/client-node', owners: ['src/cluster'] },
  { sdk: 'simple-git', owners: ['src/baseline', 'src/codify/git'] },
  { sdk: '@octokit', owners: ['src/codify/github'] },
];

const PURE_STAGES = ['src/diff', 'src/policy', 'src/report', 'src/model'];
const OUTSIDE_THE_MODEL = ['baseline', 'cli', 'cluster', 'codify', 'controller', 'demo', 'diff', 'git-auth', 'policy', 'report', 'standin'];
/** The stand-in API server is for the demo and the tests. */
const USES_THE_STANDIN = ['src/standin', 'src/demo', 'src/cli/commands/demo.ts'];

const AREAS = [
  'src/cluster',
  'src/baseline',
  'src/codify/git',
  'src/codify/github',
  ...PURE_STAGES,
  ...USES_THE_STANDIN,
];

const within = (area, folder) => area === folder || area.startsWith(`${folder}/`);

function sdkPatterns(area) {
  return SDKS.filter(({ owners }) => !owners.some((owner) => within(area, owner))).map(({ sdk, owners }) => ({
    group: [sdk, `${sdk}/*`],
    message: `${sdk} is used only in ${owners.join(' and ')}.`,
  }));
}

function stagePatterns(area) {
  if (!PURE_STAGES.includes(area)) return [];
  const own = area.slice('src/'.length);
  const others = OUTSIDE_THE_MODEL.filter((folder) => folder !== own);
  return [{ group: others.flatMap((folder) => [`../${folder}/*`, `../../${folder}/*`, `../${folder}`, `../../${folder}`]), message: `${area} is a pure stage: it imports only src/model.` }];
}

function standinPatterns(area) {
  if (USES_THE_STANDIN.some((allowed) => within(area, allowed))) return [];
  return [{ group: ['**/standin', '**/standin/*', '**/demo', '**/demo/*'], message: 'the product never imports the stand-in API server or the demo.' }];
}

/** The demo runs the scan through src/scan like the CLI does, never through the CLI itself. */
function demoPatterns(area) {
  if (!within(area, 'src/demo')) return [];
  return [{ group: ['../cli', '../cli/*', '../../cli', '../../cli/*'], message: 'the demo uses src/scan, never the CLI (the CLI runs the demo).' }];
}

function restrict(files, area, ignores = []) {
  const patterns = [...sdkPatterns(area), ...stagePatterns(area), ...standinPatterns(area), ...demoPatterns(area)];
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const areaFiles = (area) => (area.endsWith('.ts') ? [area] : [`${area}/**/*.ts`]);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Everything in src outside the named areas: the wiring (cli, controller, codify, git-auth).
  restrict(['src/**/*.ts'], 'src', AREAS.flatMap(areaFiles)),
  ...AREAS.map((area) => restrict(areaFiles(area), area, AREAS.filter((other) => other !== area && within(other, area)).flatMap(areaFiles))),
);
