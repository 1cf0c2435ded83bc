import type { CopydeskApi, MethodInput, MethodName } from '../../shared/api/contract.ts';
import type { MediaVariant } from '../../shared/api/methods/media.ts';

/** The contract's API plus what only a page that is about to close needs. */
export interface ClientApi extends CopydeskApi {
  /**
   * Sends a call while the page unloads (pagehide/beforeunload), when ordinary
   * requests may be cancelled. The reply, if any, is not awaited.
   */
  sendOnUnload<M extends MethodName>(name: M, input: MethodInput<M>): void;
  /** Address of a stored image (or its rendition) for `<img src>`. */
  mediaUrl(sha256: string, variant?: MediaVariant | null): string;
}
