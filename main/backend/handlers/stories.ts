import { monotonicFactory } from 'ulid';
import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import { documentText, emptyDocument } from '../../../shared/model/document.ts';
import { LIMITS } from '../../../shared/model/story.ts';
import { countText } from '../../../shared/model/wordcount.ts';
import { toFtsQuery } from '../../store/ftsQuery.ts';
import { toSearchText } from '../../store/searchText.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/** The library and the editor: list, search, create, open, save, trash. */
export function createStoryHandlers(ctx: BackendContext) {
  const { db, stores, now, emit } = ctx;
  const stories = stores.stories;
  const newId = monotonicFactory();

  const mustExist = (id: string) => {
    const story = stories.get(id);
    if (!story) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists. It may have been deleted from the trash.', { id });
    return story;
  };

  return {
    'stories.list': ({ view, query, offset, limit }) => {
      const match = toFtsQuery(query);
      if (match === null) return { ...stories.list(view, offset, limit), totalCapped: false };
      return stories.search(view, match, offset, limit);
    },

    'stories.create': ({ headline, language }) => {
      const id = newId();
      stories.create({
        id,
        headline,
        searchHeadline: toSearchText(headline),
        language,
        bodyJson: JSON.stringify(emptyDocument()),
        now: now().toISOString(),
      });
      emit('library.changed', {});
      return mustExist(id);
    },

    'stories.get': ({ id }) => mustExist(id),

    'stories.save': ({ id, headline, standfirst, body, language, baseRevision }) => {
      return db.transaction(() => {
        const stored = stories.getRaw(id);
        if (!stored) throw new CopydeskError(ErrorCode.NOT_FOUND, 'That story no longer exists, so this change could not be saved. Your text is still in the editor.', { id });
        if (stored.trashed_at !== null) {
          throw new CopydeskError(ErrorCode.CONFLICT, 'This story is in the trash. Restore it to keep editing.', { id });
        }
        const bodyJson = JSON.stringify(body);
        if (bodyJson.length > LIMITS.bodyJson) {
          throw new CopydeskError(
            ErrorCode.VALIDATION,
            `This story is too long to save (${bodyJson.length.toLocaleString('en')} characters of document data; the limit is ${LIMITS.bodyJson.toLocaleString('en')}). Split it into shorter stories.`,
            [{ path: 'body', message: 'Story body is too large' }],
          );
        }
        const nextLanguage = language ?? stored.language;
        const unchanged =
          stored.headline === headline &&
          stored.standfirst === standfirst &&
          stored.body_json === bodyJson &&
          stored.language === nextLanguage;
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
        });
        const revision = stored.revision + 1;
        emit('story.changed', { id, revision });
        return { id, revision, updatedAt, wordCount };
      }).immediate();
    },

    'stories.trash': ({ id }) => {
      const story = mustExist(id);
      if (story.trashedAt) return { id, trashedAt: story.trashedAt };
      const trashedAt = now().toISOString();
      stories.trash(id, trashedAt);
      emit('library.changed', {});
      return { id, trashedAt };
    },

    'stories.restore': ({ id }) => {
      mustExist(id);
      stories.restore(id);
      emit('library.changed', {});
      return { id };
    },

    'stories.emptyTrash': () => {
      const deleted = stories.emptyTrash();
      if (deleted > 0) emit('library.changed', {});
      return { deleted };
    },
  } satisfies HandlersFor<'stories.'>;
}
