/**
 * Edits not yet saved, across the page. Before the person writing changes
 * (Switch user, Add a person), every open editor saves what it holds, so
 * those edits are saved as the person who typed them — never refused as, or
 * credited to, the next one.
 */

/** Saves what is pending; resolves false when something could not be saved. */
export type FlushPending = () => Promise<boolean>;

const flushers = new Set<FlushPending>();

/** An open editor registers its save; the returned function unregisters it. */
export function registerPendingSave(flush: FlushPending): () => void {
  flushers.add(flush);
  return () => {
    flushers.delete(flush);
  };
}

/** Saves every open editor's pending edits; true when all of them are saved. */
export async function flushPendingSaves(): Promise<boolean> {
  const results = await Promise.all([...flushers].map((flush) => flush().catch(() => false)));
  return results.every(Boolean);
}

export const UNSAVED_BEFORE_SWITCH =
  'Your latest changes could not be saved, so the person writing was not changed. Try again once the story says "Saved".';
