export { startStandInApiServer } from './server.js';
export type {
  ObjectLocator,
  RequestRecord,
  StandInApiServer,
  StandInFaults,
  StandInOptions,
  StandInStore,
} from './api-types.js';
export type { ForbiddenRule } from './access.js';
