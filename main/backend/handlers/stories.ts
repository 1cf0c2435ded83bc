import { monotonicFactory } from 'ulid';
import type { MethodOutput, ParsedInput } from '../../../shared/api/contract.ts';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { documentText, emptyDocument } from '../../../shared/model/document.ts';
import { SectorId, type BylineEntry, type Dateline } from '../../../shared/model/anatomy.ts';
import { storySectors } from '../../../shared/model/sections.ts';
import { LIMITS } from '../../../shared/model/story.ts';
import { countText } from '../../../shared/model/wordcount.ts';
import { isDeskRole } from '../../../shared/workflow/roles.ts';
import { toFtsQuery } from '../../store/ftsQuery.ts';
import { toSearchText } from '../../store/searchText.ts';
import { isDeskFiltered } from '../../store/stories.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

const SAVE_GONE = 'That story no longer exists, so this change could not be saved. Your text is still in the editor.';

/** VALIDATION when a body's document data is larger than a story may hold (stories and proposals alike). */
export function checkBodySize(bodyJson: string): void {
  if (bodyJson.length > LIMITS.bodyJson) {
    throw new CopydeskError(
      ErrorCode.VALIDATION,
      `This story is too long to save (${bodyJson.length.toLocaleString('en')} characters of document data; the limit is ${LIMITS.bodyJson.toLocaleString('en')}). Split it into shorter stories.`,
      [{ path: 'body', message: 'Story body is too large' }],
    );
  }
}

/**
 * Writes a story's working copy exactly as an edit does — trash and size
 * checks, the stale-edit CONFLICT, search index, sectors, idle checkpoints,
 * `story.changed` — without asking the policy: `stories.save` asks it for
 * 'edit' first, and a restore or an accepted proposal item asks for its own
 * action. The input must already have passed the `stories.save` schema.
 * Run it inside the caller's (immediate) transaction.
 */
export function createWorkingCopyWriter(ctx: BackendContext) {
  const { stores, now, emit } = ctx;
  const stories = stores.stories;

  return function writeWorkingCopy({ id, headline, standfirst, body, language, dateline, byline, baseRevision }: ParsedInput<'stories.save'>): MethodOutput<'stories.save'> {
    const stored = stories.getRaw(id);
    if (!stored) throw new CopydeskError(ErrorCode.NOT_FOUND, SAVE_GONE, { id });
    if (stored.trashed_at !== null) {
      throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to keep editing.', { id });
    }
    const bodyJson = JSON.stringify(body);
    checkBodySize(bodyJson);
    const nextLanguage = language ?? stored.language;
    // Header fields left out of a save keep what is stored.
    const nextDateline: Dateline = dateline ?? { place: stored.dateline_place, date: stored.dateline_date };
    const nextBylineJson = byline ? JSON.stringify(byline) : stored.byline_json;
    const unchanged =
      stored.headline === headline &&
      stored.standfirst === standfirst &&
      stored.body_json === bodyJson &&
      stored.language === nextLanguage &&
      stored.dateline_place === nextDateline.place &&
      stored.dateline_date === nextDateline.date &&
      stored.byline_json === nextBylineJson;
    if (unchanged) {
      return { id, revision: stored.revision, updatedAt: stored.updated_at, wordCount: stored.word_count };
    }
    if (baseRevision !== undefined && baseRevision !== stored.revision) {
      throw new CopydeskError(
        ErrorCode.CONFLICT,
        'This story was changed in another window since you opened it.',
        { id, baseRevision, storedRevision: stored.revision },
      );
    }
    const bodyText = documentText(body);
    const wordCount = countText(bodyText, nextLanguage).words;
    const updatedAt = now().toISOString();
    stories.update({
      id,
      headline,
      standfirst,
      bodyJson,
      searchHeadline: toSearchText(headline),
      searchStandfirst: toSearchText(standfirst),
      searchBody: toSearchText(bodyText),
      language: nextLanguage,
      wordCount,
      now: updatedAt,
      dateline: nextDateline,
      byline: byline ?? (JSON.parse(stored.byline_json) as BylineEntry[]),
      // Only well-formed ids reach the library's sector index (the document check reports the rest).
      sectors: storySectors(body).filter((sector) => SectorId.safeParse(sector).success),
    });
    // Long editing since the last checkpoint makes an idle one (never one per keystroke).
    ctx.revisions.noteSaved(id);
    const revision = stored.revision + 1;
    emit('story.changed', { id, revision });
    return { id, revision, updatedAt, wordCount };
  };
}

/** The library and the editor: list, search, create, open, save, trash. */
export function createStoryHandlers(ctx: BackendContext) {
  const { db, stores, now, emit } = ctx;
  const stories = stores.stories;
  const newId = monotonicFactory();
  const writeWorkingCopy = createWorkingCopyWriter(ctx);

  const mustExist = (id: string) => {
    const story = stories.get(id);
    if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id });
    return story;
  };

  return {
    'stories.list': ({ view, query, offset, limit, sector, desk, status, assigneeId }) => {
      const match = toFtsQuery(query);
      const filter = { desk, status, assigneeId, sector, me: ctx.access.currentProfile()?.id ?? null };
      if (isDeskFiltered(filter)) {
        if (match === null) return { ...stories.listDesk(view, filter, offset, limit), totalCapped: false };
        return stories.searchDesk(view, filter, match, offset, limit);
      }
      if (match === null) return { ...stories.list(view, offset, limit, sector), totalCapped: false };
      return stories.search(view, match, offset, limit, sector);
    },

    'stories.create': ({ headline, language }) => {
      // Whoever is writing owns what they create (FORBIDDEN before anyone chose, on first run).
      const owner = ctx.actor();
      const id = newId();
      db.transaction(() => {
        stories.create({
          id,
          headline,
          searchHeadline: toSearchText(headline),
          language,
          bodyJson: JSON.stringify(emptyDocument()),
          now: now().toISOString(),
        });
        stores.profiles.setOwner(id, owner.id);
        ctx.sync.storyCreated(id);
      })();
      emit('library.changed', {});
      return mustExist(id);
    },

    'stories.get': ({ id }) => mustExist(id),

    'stories.save': (input) => {
      return db.transaction(() => {
        if (!stories.getRaw(input.id)) throw new CopydeskError(ErrorCode.NOT_FOUND, SAVE_GONE, { id: input.id });
        // The permission policy: writers edit their own drafts, editors any story (proposals come for the rest).
        ctx.access.authorize('edit', input.id);
        return writeWorkingCopy(input);
      }).immediate();
    },

    'stories.trash': ({ id }) => {
      const story = mustExist(id);
      ctx.access.authorize('trash', id);
      if (story.trashedAt) return { id, trashedAt: story.trashedAt };
      const trashedAt = now().toISOString();
      db.transaction(() => {
        // Text saved since the last checkpoint goes to the hub ahead of the trash: a story in the
        // trash is not sent, and the newsroom's copy in the trash holds what was last written.
        if (ctx.sync.records(id)) ctx.revisions.checkpoint(id, 'save', { message: 'Synced' });
        stories.trash(id, trashedAt);
        ctx.sync.trashed(id);
      })();
      emit('library.changed', {});
      return { id, trashedAt };
    },

    'stories.restore': ({ id }) => {
      mustExist(id);
      ctx.access.authorize('restore', id);
      db.transaction(() => {
        // Only a story that was in the trash is restored on the hub too.
        if (stories.restore(id)) ctx.sync.restored(id);
      })();
      emit('library.changed', {});
      return { id };
    },

    'stories.emptyTrash': () => {
      // Deleting for good is the trash action made final: editors empty the whole trash,
      // everyone else only their own stories in it (interns never delete others' work).
      const actor = ctx.actor();
      const deleted = isDeskRole(actor.role) ? stories.emptyTrash() : stores.profiles.emptyTrashOf(actor.id);
      if (deleted > 0) emit('library.changed', {});
      return { deleted };
    },
    // stories.export lives in handlers/export.ts, stories.import in handlers/transfer.ts.
  } satisfies Omit<HandlersFor<'stories.'>, 'stories.export' | 'stories.import'>;
}
