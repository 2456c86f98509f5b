import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKustomizeRenderer, readManifests } from '../baseline/index.js';
import { connectCluster, discoverResources } from '../cluster/index.js';
import { loadPolicySources, runScan } from '../scan/index.js';
import { formatTable } from '../report/format-table.js';
import { collectSecretValues, redactSecretChanges, scrubReportValues, scrubSecretValues } from '../report/scrub-secrets.js';
import { applyServerDefaults, startStandInApiServer, writeKubeconfig } from '../standin/index.js';
import { describeOutcome, ensureDriftPullRequests } from '../codify/index.js';
import { applyChangesToSource } from '../codify/edit/index.js';
import { createGitPort } from '../codify/git/index.js';
import { LocalPullRequestPlatform } from '../codify/local/index.js';
import { readFile } from 'node:fs/promises';
import { DemoKubectl, describeObject } from './act-like-kubectl.js';
import { HAND_EDITS } from './hand-edits.js';
import { branchDiff, createDemoRepository, DEMO_WORK_TREE } from './local-git.js';
import { DEMO_WATCH, runOperatorDemo } from './run-operator-demo.js';
import { SAMPLE_PATHS, SAMPLE_POLICY, SAMPLE_REPO_FILES } from './sample-app.js';

export interface DemoOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/**
 * The whole pipeline with nothing to set up: an embedded API server stand-in, a local Git
 * repository, the hand edits a person would make, then the scan. Everything lives in a temporary
 * directory that is removed at the end. False when it could not be set up (the reason is on stderr).
 */
export async function runDemo(io: DemoOutput): Promise<boolean> {
  const say = (line = '') => io.stdout.write(`${line}\n`);
  const workdir = await mkdtemp(join(tmpdir(), 'driftback-demo-'));
  const server = await startStandInApiServer({ defaulter: applyServerDefaults });
  try {
    say(`==> Embedded Kubernetes API server stand-in listening at ${server.url}`);
    const kubeconfig = join(workdir, 'kubeconfig');
    await writeKubeconfig(kubeconfig, server, { namespace: 'shop' });
    const connection = await connectCluster({ kubeconfig, env: {} });
    const kubectl = new DemoKubectl(server.url, await discoverResources(connection));

    const repo = await createDemoRepository(workdir, SAMPLE_REPO_FILES);
    say(`==> Git repository with the shop's manifests (a Kustomize base, overlays staging and prod): ${repo}`);
    const kustomize = { pathVariable: process.env.PATH };
    const rendered = await readManifests(join(workdir, DEMO_WORK_TREE), SAMPLE_PATHS, { kustomize });
    const cannot = rendered.problems.find((problem) => problem.severity === 'error');
    if (cannot) {
      io.stderr.write(`driftback: demo: ${cannot.message}\n`);
      return false;
    }
    say(`    $ kubectl apply -k ${SAMPLE_PATHS.join(' ')}    # rendered by ${rendered.manifests[0]?.source.renderer}`);
    for (const object of await kubectl.applyObjects(rendered.manifests.map((m) => m.object))) say(`    ${describeObject(object)} created`);

    say('==> Hand edits, as people make them during an incident:');
    for (const edit of HAND_EDITS) {
      await edit.perform(kubectl);
      say(`    $ ${edit.command}`);
    }

    const policyFile = join(workdir, 'shop-guardrails.yaml');
    await writeFile(policyFile, SAMPLE_POLICY);
    const policies = await loadPolicySources(['builtin:hardening', policyFile], workdir);
    say(`==> driftback scan --repo infra.git --path ${SAMPLE_PATHS.join(' ')} --policy builtin:hardening --policy shop-guardrails.yaml`);
    say();
    const outcome = await runScan({ repo, paths: SAMPLE_PATHS, kubeconfig, policies, explain: false, env: { PATH: kustomize.pathVariable }, cwd: workdir });
    const secrets = collectSecretValues([...outcome.live.values(), ...outcome.baseline.manifests.map((m) => m.object)]);
    const scrub = (text: string) => scrubSecretValues(text, secrets);
    io.stdout.write(scrub(formatTable(scrubReportValues(outcome.report, secrets))));

    say();
    say('==> driftback scan ... --open-prs   (pull requests go to a local target in the demo)');
    const platform = new LocalPullRequestPlatform({ directory: join(workdir, 'pull-requests') });
    const prs = await ensureDriftPullRequests({
      report: redactSecretChanges(outcome.report, secrets),
      baseline: outcome.baseline.manifests,
      live: outcome.live,
      options: { repo, labels: ['drift'], owner: DEMO_WATCH },
      platform,
      git: createGitPort(),
      editor: applyChangesToSource,
      renderer: createKustomizeRenderer(kustomize),
    });
    for (const pr of prs) {
      say(`    pull request ${describeOutcome(pr)}`);
      if (pr.action !== 'created' && pr.action !== 'updated') continue;
      say();
      say(`--- commit on ${pr.branch} (git diff main...${pr.branch}) ---`);
      io.stdout.write(scrub(await branchDiff(repo, pr.branch)));
      const state = await platform.readState();
      const file = state.pulls.find((p) => p.number === pr.number)?.file;
      if (file) {
        say(`--- pull request #${pr.number} (${file}) ---`);
        io.stdout.write(scrub(await readFile(file, 'utf8')));
      }
    }

    say();
    say('==> driftback run: the operator keeps the drift pull request current');
    await runOperatorDemo({ serverUrl: server.url, kubeconfig, repo, workdir, platform, say: (line) => say(line === undefined ? '' : scrub(line)) });
    return true;
  } finally {
    await server.close();
    await rm(workdir, { recursive: true, force: true });
  }
}
