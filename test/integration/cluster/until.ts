/** Polls until `check` holds; fails naming `what` after the deadline. */
export async function until(what: string, check: () => boolean, deadlineMs = 8_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
