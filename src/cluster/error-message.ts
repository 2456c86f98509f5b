/**
 * The message of anything thrown. Duck-typed: errors from Node core and undici may come from
 * another realm (jest's VM context), where `instanceof Error` is false.
 */
export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}
