/**
 * One line for any failure that ends a command. Known errors already carry a message naming the
 * file, object or URL; anything else is a bug, and its message is still kept to one line.
 */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}
