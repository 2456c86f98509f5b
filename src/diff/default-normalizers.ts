import { controllerFields } from './controllers/index.js';
import { matchServerDefault } from './defaults/index.js';
import type { Normalizer, ObjectNormalizer } from './normalizer.js';

const SERVER_DEFAULTS_OF_AN_OBJECT: ObjectNormalizer = { explainAdded: matchServerDefault };

/** The server-defaults table of the built-in kinds (defaults/), as a normalizer. */
export const SERVER_DEFAULTS: Normalizer = { name: 'server-defaults', forObject: () => SERVER_DEFAULTS_OF_AN_OBJECT };

/** What a comparison uses when its options name no normalizers: no facts about the cluster beyond the object. */
export const DEFAULT_NORMALIZERS: readonly Normalizer[] = [SERVER_DEFAULTS, controllerFields()];
