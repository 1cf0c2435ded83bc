import type { StoryDraft } from '../../../shared/transfer/draft.ts';
import { validateNinjs } from '../../../shared/transfer/export/ninjsSchema.ts';
import type { BackendContext, HandlersFor } from '../context.ts';
import { createStoryHandlers } from './stories.ts';

/** Most schema problems sent back for one document. */
const ISSUES_MAX = 200;

/** `stories.import` (a story from an import's draft, in one call) and the ninjs check the renderer cannot run itself. */
export function createTransferHandlers(ctx: BackendContext) {
  // The story handlers do the creating and saving, so an import is stored exactly as an edit would be.
  const story = createStoryHandlers(ctx);

  return {
    'stories.import': (draft: StoryDraft) =>
      ctx.db.transaction(() => {
        const created = story['stories.create']({ headline: draft.headline, language: draft.language });
        story['stories.save']({
          id: created.id,
          headline: draft.headline,
          standfirst: draft.standfirst,
          body: draft.body,
          language: draft.language,
          dateline: draft.dateline,
          byline: draft.byline,
        });
        ctx.revisions.checkpoint(created.id, 'import');
        return story['stories.get']({ id: created.id });
      })(),

    'transfer.validateNinjs': ({ text }: { text: string }) => {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        return { json: false, issues: [] };
      }
      const checked = validateNinjs(document);
      if (checked.ok) return { json: true, issues: [] };
      const seen = new Set<string>();
      const issues: Array<{ path: string; message: string }> = [];
      for (const problem of checked.problems) {
        // "must match a schema in anyOf" only repeats what its branches said.
        if (/must match (a schema in anyOf|exactly one schema in oneOf|"then" schema|"else" schema)/.test(problem.message)) continue;
        const path = problem.path === '(root)' ? '' : problem.path;
        const key = `${path} ${problem.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        issues.push({ path, message: problem.message });
        if (issues.length >= ISSUES_MAX) break;
      }
      return { json: true, issues };
    },
  } satisfies Pick<HandlersFor<'stories.'>, 'stories.import'> & HandlersFor<'transfer.'>;
}
