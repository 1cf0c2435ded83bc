import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import type { PublicationSettings } from '../../../shared/model/publication.ts';
import { droppedSectorInUse, sectorInUseMessage } from '../../../shared/sync/newsroom.ts';
import type { NewsroomSync } from '../../sync/newsroom.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/**
 * Publication settings: the sector taxonomy, the byline format, contributor-note
 * templates. On a workstation connected to a newsroom they are the hub's
 * (main/sync/newsroom.ts): a change goes there, and nothing changes here
 * without it.
 */
export function createSettingsHandlers(ctx: BackendContext, newsroom?: NewsroomSync) {
  const { db, stores, emit } = ctx;
  const settings = stores.settings;

  return {
    'settings.get': () => settings.publication(),

    'settings.update': (input) => {
      // Publication settings are the admin's (DESIGN.md §5): the taxonomy and print formats every story uses.
      ctx.access.authorize('manage_settings');
      if (newsroom?.connected()) return newsroom.update(input);
      const next = db.transaction((): { value: PublicationSettings; changed: boolean } => {
        const current = settings.publication();
        const value: PublicationSettings = {
          sectors: input.sectors ?? current.sectors,
          bylineFormat: input.bylineFormat ?? current.bylineFormat,
          noteTemplates: input.noteTemplates ?? current.noteTemplates,
        };
        if (input.sectors) refuseDroppedSectorsInUse(current, value, settings.sectorUsage());
        const changed = JSON.stringify(value) !== JSON.stringify(current);
        if (changed) settings.savePublication(value);
        return { value, changed };
      }).immediate();
      if (next.changed) emit('settings.changed', {});
      return next.value;
    },

    'settings.sectorUsage': () => ({ counts: settings.sectorUsage() }),
  } satisfies HandlersFor<'settings.'>;
}

/**
 * Stories address sectors by id, so a sector that any story (trash included)
 * uses may be renamed or retired but never dropped from the taxonomy: its
 * sections would lose their label, subject and URI.
 */
function refuseDroppedSectorsInUse(current: PublicationSettings, next: PublicationSettings, usage: Record<string, number>): void {
  const refused = droppedSectorInUse(current, next, usage);
  if (!refused) return;
  throw new CopydeskError(ErrorCode.VALIDATION, sectorInUseMessage(refused.label, refused.stories), [
    { path: 'sectors', message: `Sector ${refused.id} is used by ${refused.stories} stories`, sectorId: refused.id, stories: refused.stories },
  ]);
}
