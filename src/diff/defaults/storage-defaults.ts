/**
 * Volumes and claims: SetDefaults_PersistentVolumeClaimSpec / _PersistentVolume, what the
 * DefaultStorageClass admission plugin and the PV binder's annotations, and StorageClass defaults
 * and CSIDriver defaults (pkg/apis/storage/v1/defaults.go). The binding itself (a claim's
 * volumeName, a volume's claimRef) is the PV binder's (controllers/controller-table.ts).
 */
import type { RuleGroup } from './compile-table.js';
import { isNonEmptyString } from './conditions.js';
import { allocated, fixed } from './rule-builders.js';
import type { DefaultContext, DefaultRule } from './types.js';

const anyString = (ctx: DefaultContext): boolean => isNonEmptyString(ctx.value);
const annotation = (key: string): readonly string[] => ['metadata', 'annotations', key];

const PVC_RULES: readonly DefaultRule[] = [
  fixed('spec.volumeMode', 'Filesystem', 'PersistentVolumeClaimSpec.volumeMode'),
  allocated('spec.storageClassName', anyString, 'default StorageClass set by the DefaultStorageClass admission plugin'),
  fixed('metadata.finalizers', ['kubernetes.io/pvc-protection'], 'PersistentVolumeClaim finalizers', 'from the StorageObjectInUseProtection admission plugin'),
  fixed('metadata.finalizers.*', 'kubernetes.io/pvc-protection', 'PersistentVolumeClaim finalizers', 'from the StorageObjectInUseProtection admission plugin'),
  allocated(annotation('pv.kubernetes.io/bind-completed'), anyString, 'written by the PV controller'),
  allocated(annotation('pv.kubernetes.io/bound-by-controller'), anyString, 'written by the PV controller'),
  allocated(annotation('volume.beta.kubernetes.io/storage-provisioner'), anyString, 'written by the PV controller'),
  allocated(annotation('volume.kubernetes.io/storage-provisioner'), anyString, 'written by the PV controller'),
  allocated(annotation('volume.kubernetes.io/selected-node'), anyString, 'written by the scheduler for WaitForFirstConsumer'),
];

const PV_RULES: readonly DefaultRule[] = [
  fixed('spec.persistentVolumeReclaimPolicy', 'Retain', 'PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
  fixed('spec.volumeMode', 'Filesystem', 'PersistentVolumeSpec.volumeMode'),
  fixed('spec.hostPath.type', '', 'HostPathVolumeSource.type'),
  fixed('metadata.finalizers', ['kubernetes.io/pv-protection'], 'PersistentVolume finalizers'),
  fixed('metadata.finalizers.*', 'kubernetes.io/pv-protection', 'PersistentVolume finalizers'),
  allocated(annotation('pv.kubernetes.io/bound-by-controller'), anyString, 'written by the PV controller'),
  allocated(annotation('pv.kubernetes.io/provisioned-by'), anyString, 'written by the provisioner'),
];

const STORAGE_CLASS_RULES: readonly DefaultRule[] = [
  fixed('reclaimPolicy', 'Delete', 'StorageClass.reclaimPolicy'),
  fixed('volumeBindingMode', 'Immediate', 'StorageClass.volumeBindingMode'),
];

const CSI_DRIVER_RULES: readonly DefaultRule[] = [
  fixed('spec.attachRequired', true, 'CSIDriverSpec.attachRequired'),
  fixed('spec.podInfoOnMount', false, 'CSIDriverSpec.podInfoOnMount'),
  fixed('spec.storageCapacity', false, 'CSIDriverSpec.storageCapacity'),
  fixed('spec.fsGroupPolicy', 'ReadWriteOnceWithFSType', 'CSIDriverSpec.fsGroupPolicy'),
  fixed('spec.requiresRepublish', false, 'CSIDriverSpec.requiresRepublish'),
  fixed('spec.seLinuxMount', false, 'CSIDriverSpec.seLinuxMount'),
  fixed('spec.preventPodSchedulingIfMissing', false, 'CSIDriverSpec.preventPodSchedulingIfMissing'),
  fixed('spec.volumeLifecycleModes', ['Persistent'], 'CSIDriverSpec.volumeLifecycleModes'),
  fixed('spec.volumeLifecycleModes.*', 'Persistent', 'CSIDriverSpec.volumeLifecycleModes'),
];

export const STORAGE_GROUPS: readonly RuleGroup[] = [
  { kinds: ['/PersistentVolumeClaim'], prefixes: [[]], rules: PVC_RULES },
  { kinds: ['/PersistentVolume'], prefixes: [[]], rules: PV_RULES },
  { kinds: ['storage.k8s.io/StorageClass'], prefixes: [[]], rules: STORAGE_CLASS_RULES },
  { kinds: ['storage.k8s.io/CSIDriver'], prefixes: [[]], rules: CSI_DRIVER_RULES },
];
