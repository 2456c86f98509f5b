import type { JsonObject, JsonValue, KubeObject } from '../../model/index.js';
import { asJson } from './json-util.js';
import { evaluateJsonPath } from './json-path.js';
import type { PrinterColumn, ResourceType } from './resource-type.js';

/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), which plain
 * `kubectl get` asks for: Name, then a CRD's additionalPrinterColumns, or Age for everything else.
 */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',')[0]?.includes('as=Table') ?? false;
}

const NAME_COLUMN = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 };
const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', priority: 0 };

export function toTable(type: ResourceType, objects: KubeObject[], listMetadata: JsonObject, now: Date): JsonObject {
  const columns = type.printerColumns.length > 0 ? type.printerColumns : [AGE_COLUMN];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: [
      NAME_COLUMN,
      ...columns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })),
    ],
    rows: objects.map((object) => ({
      cells: [object.metadata.name, ...columns.map((column) => cell(object, column, now))],
      object: partialMetadata(object),
    })),
  };
}

function cell(object: KubeObject, column: PrinterColumn, now: Date): JsonValue {
  const values = evaluateJsonPath(asJson(object), column.jsonPath);
  const [first] = values;
  if (first === undefined) return null;
  if (column.type === 'date') return typeof first === 'string' ? humanDuration(now.getTime() - Date.parse(first)) : null;
  if (values.length > 1) return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
  return typeof first === 'object' && first !== null ? JSON.stringify(first) : first;
}

function partialMetadata(object: KubeObject): JsonObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: metadata as unknown as JsonObject };
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, as the Age column prints it. */
function humanDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 192) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 730) return `${days}d`;
  const years = Math.floor(days / 365);
  if (days < 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}
