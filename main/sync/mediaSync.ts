import { existsSync, readFileSync } from 'node:fs';
import { CopydeskError, ErrorCode } from '../../shared/api/errors.ts';
import { SHA256_HEX, type HubMediaType } from '../../shared/sync/media.ts';
import type { Mutation } from '../../shared/sync/protocol.ts';
import type { BackendContext } from '../backend/context.ts';
import { mediaFilePath, sha256Hex } from '../backend/media/files.ts';
import { importImage } from '../backend/media/importImage.ts';
import { createMediaSyncStore } from '../store/sync.ts';
import type { SyncStore } from '../store/sync.ts';
import { HubFailure, type HubClient } from './hubClient.ts';

/**
 * Pictures travel with the stories (DESIGN.md §7, "Media"). A figure names
 * its image by sha256; the hub keeps images under that name.
 *
 * - Before a batch of changes is pushed, every image its revisions show that
 *   this workstation has and the hub is not known to have is uploaded, so a
 *   colleague who pulls the text can fetch the picture. An image this
 *   workstation does not have came from the hub (or is still on its way) and
 *   is skipped. Offline, the upload fails like a push (the cycle backs off and
 *   the batch waits); a refusal of one image is reported and the text goes on.
 * - After a pull, every image the pulled stories show that is not here is
 *   noted as wanted and fetched. The bytes are checked against their name by
 *   the client and then go through the importer, like a picture a person
 *   inserts, so only images Copydesk accepts are stored. One that does not
 *   arrive (not uploaded yet, damaged on the way) is fetched again next cycle;
 *   until then the figure shows that its file is missing.
 */
export interface MediaSync {
  /** A new cycle: images tried in the last one may be tried again. */
  beginCycle(): void;
  /** Uploads the images the mutations show (see above). Throws the client's failure when offline or signed out. */
  uploadFor(client: HubClient, token: string, mutations: readonly Mutation[]): Promise<void>;
  /** Notes the images these stories show that are not here (inside the pull's transaction). */
  noteWanted(storyIds: Iterable<string>): void;
  /**
   * Fetches the wanted images not tried this cycle. Returns the stories
   * whose pictures arrived, and the failure that stopped it (offline, signed
   * out) for the caller to raise once the stories' own changes are announced.
   */
  downloadWanted(client: HubClient, token: string): Promise<{ arrived: Set<string>; failure: unknown }>;
}

/** Wanted images fetched per cycle at most: a workstation joining a busy newsroom gets the rest over the next cycles. */
const DOWNLOADS_PER_CYCLE = 200;

const EXTENSIONS: Record<HubMediaType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/**
 * The sha256 of every figure's image in a story body, revision snapshot or
 * mutation, wherever the figure sits (top level, or inside a conflict block's
 * versions or a delta's new blocks).
 */
export function picturesIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const entry of item) stack.push(entry);
      continue;
    }
    const record = item as Record<string, unknown>;
    if (record.type === 'figure') {
      const media = record.media as { sha256?: unknown } | null | undefined;
      if (media && typeof media.sha256 === 'string' && SHA256_HEX.test(media.sha256)) found.add(media.sha256);
    }
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return found;
}

export function createMediaSync(ctx: BackendContext, sync: SyncStore): MediaSync {
  const { stores, dataDir } = ctx;
  const store = createMediaSyncStore(ctx.db);
  const importDeps = { dataDir, media: stores.media, now: ctx.now };
  let tried = new Set<string>();

  /** The image is in this workstation's media store with its file (a store copied without its media folder has rows only). */
  const have = (sha256: string): boolean => stores.media.get(sha256) !== null && existsSync(mediaFilePath(dataDir, sha256));
  const headlineOf = (storyId: string): string => stores.stories.get(storyId)?.headline || 'Untitled story';

  const report = (problems: readonly string[]) => {
    if (problems.length > 0) sync.updateState({ last_error: problems.join(' ') });
  };

  /** What a pushed mutation shows: a revision's whole text (stored here; its mutation may be a delta), anything else as sent. */
  const shownBy = (mutation: Mutation): unknown =>
    mutation.type === 'article.revision' ? (stores.revisions.snapshot(mutation.payload.revision.id) ?? mutation.payload) : mutation;

  const uploadFor: MediaSync['uploadFor'] = async (client, token, mutations) => {
    const toSend = new Map<string, string>();
    for (const mutation of mutations) {
      for (const sha256 of picturesIn(shownBy(mutation))) if (!toSend.has(sha256)) toSend.set(sha256, mutation.storyId);
    }
    const problems: string[] = [];
    for (const [sha256, storyId] of toSend) {
      if (tried.has(sha256) || store.isOnHub(sha256)) continue;
      const info = stores.media.get(sha256);
      if (!info) continue; // not here: it came from the hub, or is still on its way from it
      let bytes: Buffer<ArrayBuffer>;
      try {
        bytes = readFileSync(mediaFilePath(dataDir, sha256));
      } catch {
        continue; // its file is missing here (a store copied without its media folder): nothing to send
      }
      if (sha256Hex(bytes) !== sha256) continue; // damaged on this disk: the hub would refuse it
      tried.add(sha256);
      try {
        await client.putMedia(token, sha256, info.media.mime, bytes);
      } catch (error) {
        // Offline or signed out: the batch waits, like its text would.
        if (!(error instanceof HubFailure) || error.kind !== 'error') throw error;
        const message = `The picture “${info.fileName}” in “${headlineOf(storyId)}” was not sent to the hub: ${error.message} The story’s text was sent; colleagues see that the picture is missing.`;
        store.noteFailure(sha256, message);
        problems.push(message);
        continue;
      }
      store.markOnHub(sha256);
    }
    report(problems);
  };

  const noteWanted: MediaSync['noteWanted'] = (storyIds) => {
    for (const storyId of storyIds) {
      const story = stores.stories.get(storyId);
      if (!story) continue;
      const shown = picturesIn(story.body);
      const hubHead = sync.storySync(storyId)?.hub_story;
      const headId = hubHead ? (JSON.parse(hubHead) as { headRevisionId?: string | null }).headRevisionId : null;
      const head = headId ? stores.revisions.snapshot(headId) : undefined;
      if (head) picturesIn(head.body, shown);
      for (const sha256 of shown) if (!have(sha256)) store.want(sha256, storyId);
    }
  };

  const downloadWanted: MediaSync['downloadWanted'] = async (client, token) => {
    const arrived = new Set<string>();
    const problems: string[] = [];
    try {
      for (const row of store.wanted(DOWNLOADS_PER_CYCLE)) {
        const { sha256 } = row;
        const storyId = row.wanted_by!;
        if (tried.has(sha256)) continue;
        tried.add(sha256);
        const story = stores.stories.get(storyId);
        if (have(sha256) || !story || !picturesIn(story.body).has(sha256)) {
          // Here after all, or its story no longer shows it (a later pull notes it again if another does).
          store.unwant(sha256);
          continue;
        }
        let picture: { mime: HubMediaType; bytes: Buffer };
        try {
          picture = await client.getMedia(token, sha256);
        } catch (error) {
          if (!(error instanceof HubFailure) || error.kind !== 'error') return { arrived, failure: error };
          // Not on the hub yet (its workstation has not uploaded it): usual while that one is offline, so not reported.
          const message = error.status === 404 ? error.message : `A picture in “${story.headline || 'Untitled story'}” could not be fetched from the hub: ${error.message}`;
          store.noteFailure(sha256, message);
          if (error.status !== 404) problems.push(message);
          continue;
        }
        try {
          await importImage(importDeps, `picture-${sha256.slice(0, 12)}.${EXTENSIONS[picture.mime]}`, picture.bytes);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const message = `A picture in “${story.headline || 'Untitled story'}” from the hub was not stored: ${reason}`;
          // The name fixes the bytes: ones the importer refuses would be refused every time.
          if (error instanceof CopydeskError && error.code === ErrorCode.VALIDATION) store.refuse(sha256, message);
          else store.noteFailure(sha256, message);
          problems.push(message);
          continue;
        }
        store.markOnHub(sha256);
        // The status no longer speaks of a picture that has now arrived.
        if (row.last_error !== null && sync.state()?.last_error === row.last_error) sync.updateState({ last_error: null });
        arrived.add(storyId);
      }
      return { arrived, failure: null };
    } finally {
      report(problems);
    }
  };

  return {
    beginCycle() {
      tried = new Set();
    },
    uploadFor,
    noteWanted,
    downloadWanted,
  };
}
