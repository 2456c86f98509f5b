import { ADMISSION_GROUPS } from './admission-defaults.js';
import { AUTOSCALING_GROUPS } from './autoscaling-defaults.js';
import type { RuleGroup } from './compile-table.js';
import { CORE_GROUPS } from './core-defaults.js';
import { NETWORKING_GROUPS } from './networking-defaults.js';
import { POD_SPEC_GROUPS } from './pod-spec-defaults.js';
import { RBAC_GROUPS } from './rbac-defaults.js';
import { SERVICE_GROUPS } from './service-defaults.js';
import { STORAGE_GROUPS } from './storage-defaults.js';
import { WORKLOAD_GROUPS } from './workload-defaults.js';

export const DEFAULT_TABLE: readonly RuleGroup[] = [
  ...POD_SPEC_GROUPS,
  ...WORKLOAD_GROUPS,
  ...SERVICE_GROUPS,
  ...NETWORKING_GROUPS,
  ...CORE_GROUPS,
  ...STORAGE_GROUPS,
  ...RBAC_GROUPS,
  ...AUTOSCALING_GROUPS,
  ...ADMISSION_GROUPS,
];
