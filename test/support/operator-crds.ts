import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/model/index.js';

const CRD_DIR = resolve(import.meta.dirname, '../../crds');

/** The CustomResourceDefinitions the operator ships, as `kubectl apply -f crds/` would send them. */
export function driftbackCrds(): KubeObject[] {
  return readdirSync(CRD_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => parse(readFileSync(join(CRD_DIR, file), 'utf8')) as KubeObject);
}

export const CRD_DIRECTORY = CRD_DIR;

/** wgpolicyk8s.io/v1alpha2 PolicyReport, trimmed to what a stand-in needs to serve it. */
export function policyReportCrd(): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'policyreports.wgpolicyk8s.io' },
    spec: {
      group: 'wgpolicyk8s.io',
      scope: 'Namespaced',
      names: { plural: 'policyreports', singular: 'policyreport', kind: 'PolicyReport', listKind: 'PolicyReportList', shortNames: ['polr'] },
      versions: [
        {
          name: 'v1alpha2',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}
