/**
 * Defaults of the workload controllers' own fields: k8s.io/kubernetes/pkg/apis/apps/v1/defaults.go
 * and batch/v1/defaults.go, plus what their registry strategies allocate (a Job's selector).
 */
import type { RuleGroup } from './compile-table.js';
import { getIn } from './conditions.js';
import { allocated, derived, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const DEPLOYMENT_RULES: readonly DefaultRule[] = [
  fixed('spec.replicas', 1, 'DeploymentSpec.replicas'),
  fixed('spec.strategy.type', 'RollingUpdate', 'DeploymentStrategy.type'),
];

/** What apps/v1beta2 kept of apps/v1beta1's Deployment defaults and apps/v1 keeps too. */
const DEPLOYMENT_SINCE_APPS: readonly DefaultRule[] = [
  fixed('spec.progressDeadlineSeconds', 600, 'DeploymentSpec.progressDeadlineSeconds'),
  fixed('spec.strategy.rollingUpdate.maxUnavailable', '25%', 'RollingUpdateDeployment.maxUnavailable'),
  fixed('spec.strategy.rollingUpdate.maxSurge', '25%', 'RollingUpdateDeployment.maxSurge'),
];

/** Deployment defaults that changed with the API version (apps/v1beta1 and extensions/v1beta1 defaults.go). */
const DEPLOYMENT_VERSIONS: readonly { versions: readonly string[]; rules: readonly DefaultRule[] }[] = [
  { versions: ['apps/v1', 'apps/v1beta2'], rules: [fixed('spec.revisionHistoryLimit', 10, 'DeploymentSpec.revisionHistoryLimit'), ...DEPLOYMENT_SINCE_APPS] },
  { versions: ['apps/v1beta1'], rules: [fixed('spec.revisionHistoryLimit', 2, 'apps/v1beta1 DeploymentSpec.revisionHistoryLimit'), ...DEPLOYMENT_SINCE_APPS] },
  {
    versions: ['extensions/v1beta1'],
    rules: [
      fixed('spec.revisionHistoryLimit', 2147483647, 'extensions/v1beta1 DeploymentSpec.revisionHistoryLimit'),
      fixed('spec.progressDeadlineSeconds', 2147483647, 'extensions/v1beta1 DeploymentSpec.progressDeadlineSeconds'),
      fixed('spec.strategy.rollingUpdate.maxUnavailable', 1, 'extensions/v1beta1 RollingUpdateDeployment.maxUnavailable'),
      fixed('spec.strategy.rollingUpdate.maxSurge', 1, 'extensions/v1beta1 RollingUpdateDeployment.maxSurge'),
    ],
  },
];

const STATEFUL_SET_RULES: readonly DefaultRule[] = [
  fixed('spec.replicas', 1, 'StatefulSetSpec.replicas'),
  fixed('spec.podManagementPolicy', 'OrderedReady', 'StatefulSetSpec.podManagementPolicy'),
  fixed('spec.revisionHistoryLimit', 10, 'StatefulSetSpec.revisionHistoryLimit'),
  fixed('spec.updateStrategy.rollingUpdate.partition', 0, 'RollingUpdateStatefulSetStrategy.partition'),
  // Only with the MaxUnavailableStatefulSet feature gate on.
  fixed('spec.updateStrategy.rollingUpdate.maxUnavailable', 1, 'RollingUpdateStatefulSetStrategy.maxUnavailable'),
  fixed('spec.persistentVolumeClaimRetentionPolicy.whenDeleted', 'Retain', 'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted'),
  fixed('spec.persistentVolumeClaimRetentionPolicy.whenScaled', 'Retain', 'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled'),
  fixed('spec.volumeClaimTemplates.*.apiVersion', 'v1', 'StatefulSetSpec.volumeClaimTemplates[].apiVersion'),
  fixed('spec.volumeClaimTemplates.*.kind', 'PersistentVolumeClaim', 'StatefulSetSpec.volumeClaimTemplates[].kind'),
  fixed('spec.volumeClaimTemplates.*.metadata.creationTimestamp', null, 'volumeClaimTemplates[].metadata.creationTimestamp', 'serialized for an unset time'),
  fixed('spec.volumeClaimTemplates.*.spec.volumeMode', 'Filesystem', 'PersistentVolumeClaimSpec.volumeMode'),
  fixed('spec.volumeClaimTemplates.*.status.phase', 'Pending', 'volumeClaimTemplates[].status.phase'),
];

const DAEMON_SET_RULES: readonly DefaultRule[] = [
  fixed('spec.revisionHistoryLimit', 10, 'DaemonSetSpec.revisionHistoryLimit'),
  fixed('spec.updateStrategy.type', 'RollingUpdate', 'DaemonSetUpdateStrategy.type'),
  fixed('spec.updateStrategy.rollingUpdate.maxUnavailable', 1, 'RollingUpdateDaemonSet.maxUnavailable'),
  fixed('spec.updateStrategy.rollingUpdate.maxSurge', 0, 'RollingUpdateDaemonSet.maxSurge'),
];

function templateLabel(template: readonly string[]) {
  return (ctx: DefaultContext): boolean =>
    ctx.value === getIn(ctx.root, [...template, 'metadata', 'labels', ctx.path[ctx.path.length - 1] ?? '']);
}

/** ReplicationController copies its template's labels into its selector and its own labels. */
const REPLICATION_CONTROLLER_RULES: readonly DefaultRule[] = [
  fixed('spec.replicas', 1, 'ReplicationControllerSpec.replicas'),
  derived('spec.selector.<any>', templateLabel(['spec', 'template']), 'API server default for ReplicationControllerSpec.selector (the template labels)'),
  derived('metadata.labels.<any>', templateLabel(['spec', 'template']), 'API server default for ReplicationController labels (the template labels)'),
];

/** SetDefaults_Job, applied to a Job's spec (at `spec`) and, harmlessly, a CronJob's job template. */
function jobSpecRules(at: string): DefaultRule[] {
  return [
    fixed(`${at}.completions`, 1, 'JobSpec.completions', 'when parallelism is unset too'),
    fixed(`${at}.parallelism`, 1, 'JobSpec.parallelism'),
    derived(
      `${at}.backoffLimit`,
      (ctx) => ctx.value === (ctx.parent['backoffLimitPerIndex'] === undefined ? 6 : 2147483647),
      'API server default for JobSpec.backoffLimit (6, or MaxInt32 with backoffLimitPerIndex)',
    ),
    fixed(`${at}.completionMode`, 'NonIndexed', 'JobSpec.completionMode'),
    fixed(`${at}.suspend`, false, 'JobSpec.suspend'),
    fixed(`${at}.manualSelector`, false, 'JobSpec.manualSelector'),
    derived(
      `${at}.podReplacementPolicy`,
      (ctx) => ctx.value === (ctx.parent['podFailurePolicy'] === undefined ? 'TerminatingOrFailed' : 'Failed'),
      'API server default for JobSpec.podReplacementPolicy (TerminatingOrFailed, or Failed with a podFailurePolicy)',
    ),
    fixed(`${at}.podFailurePolicy.rules.*.onPodConditions.*.status`, 'True', 'PodFailurePolicyOnPodConditionsPattern.status'),
  ];
}

const uidOf = (ctx: DefaultContext): boolean => ctx.value === getIn(ctx.root, ['metadata', 'uid']);
const nameOf = (ctx: DefaultContext): boolean => ctx.value === getIn(ctx.root, ['metadata', 'name']);

/** The Job strategy's generateSelector (pkg/registry/batch/job/strategy.go). */
const JOB_RULES: readonly DefaultRule[] = [
  ...jobSpecRules('spec'),
  allocated(['spec', 'selector', 'matchLabels', 'batch.kubernetes.io/controller-uid'], uidOf, 'Job selector generated from the Job uid'),
  allocated(['spec', 'template', 'metadata', 'labels', 'batch.kubernetes.io/controller-uid'], uidOf, 'Job pod label generated from the Job uid'),
  allocated(['spec', 'template', 'metadata', 'labels', 'controller-uid'], uidOf, 'Job pod label generated from the Job uid'),
  allocated(['spec', 'template', 'metadata', 'labels', 'batch.kubernetes.io/job-name'], nameOf, 'Job pod label generated from the Job name'),
  allocated(['spec', 'template', 'metadata', 'labels', 'job-name'], nameOf, 'Job pod label generated from the Job name'),
  derived('metadata.labels.<any>', templateLabel(['spec', 'template']), 'API server default for Job labels (the template labels)'),
];

const CRON_JOB_RULES: readonly DefaultRule[] = [
  fixed('spec.concurrencyPolicy', 'Allow', 'CronJobSpec.concurrencyPolicy'),
  fixed('spec.suspend', false, 'CronJobSpec.suspend'),
  fixed('spec.successfulJobsHistoryLimit', 3, 'CronJobSpec.successfulJobsHistoryLimit'),
  fixed('spec.failedJobsHistoryLimit', 1, 'CronJobSpec.failedJobsHistoryLimit'),
  fixed('spec.jobTemplate.metadata', {}, 'JobTemplateSpec.metadata', 'serialized empty when unset'),
  fixed('spec.jobTemplate.metadata.creationTimestamp', null, 'JobTemplateSpec.metadata.creationTimestamp', 'serialized for an unset time'),
  ...jobSpecRules('spec.jobTemplate.spec'),
];

export const WORKLOAD_GROUPS: readonly RuleGroup[] = [
  { kinds: ['apps/Deployment', 'extensions/Deployment'], prefixes: [[]], rules: DEPLOYMENT_RULES },
  ...DEPLOYMENT_VERSIONS.map(({ versions, rules }) => ({ kinds: ['apps/Deployment', 'extensions/Deployment'], prefixes: [[]], rules, versions })),
  { kinds: ['apps/StatefulSet'], prefixes: [[]], rules: STATEFUL_SET_RULES },
  // apps/v1beta1 StatefulSets update OnDelete; later versions roll.
  { kinds: ['apps/StatefulSet'], prefixes: [[]], rules: [fixed('spec.updateStrategy.type', 'RollingUpdate', 'StatefulSetUpdateStrategy.type')], versions: ['apps/v1', 'apps/v1beta2'] },
  { kinds: ['apps/StatefulSet'], prefixes: [[]], rules: [fixed('spec.updateStrategy.type', 'OnDelete', 'apps/v1beta1 StatefulSetUpdateStrategy.type')], versions: ['apps/v1beta1'] },
  { kinds: ['apps/DaemonSet'], prefixes: [[]], rules: DAEMON_SET_RULES },
  { kinds: ['apps/ReplicaSet'], prefixes: [[]], rules: [fixed('spec.replicas', 1, 'ReplicaSetSpec.replicas')] },
  { kinds: ['/ReplicationController'], prefixes: [[]], rules: REPLICATION_CONTROLLER_RULES },
  { kinds: ['batch/Job'], prefixes: [[]], rules: JOB_RULES },
  { kinds: ['batch/CronJob'], prefixes: [[]], rules: CRON_JOB_RULES },
];
