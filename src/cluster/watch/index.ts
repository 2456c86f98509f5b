export {
  DEFAULT_WATCH_TIMING,
  watchResource,
  type ResourceWatch,
  type WatchOptions,
  type WatchRestarts,
  type WatchStats,
  type WatchTiming,
} from './watch-resource.js';
export type { WatchEvent, WatchEventType } from './watch-event.js';
