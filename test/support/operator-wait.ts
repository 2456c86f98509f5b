/**
 * Polls `check` until it returns a value other than undefined/false, and returns it; fails
 * naming `what` after the deadline. Tests await conditions with this instead of sleeping.
 */
export async function eventually<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, deadlineMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
