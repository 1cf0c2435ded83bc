import { CopydeskError, ErrorCode } from '../../../shared/api/errors.ts';
import type { PublicationSettings } from '../../../shared/model/publication.ts';
import type { BackendContext, HandlersFor } from '../context.ts';

/** Publication settings: the sector taxonomy, the byline format, contributor-note templates. */
export function createSettingsHandlers(ctx: BackendContext) {
  const { db, stores, emit } = ctx;
  const settings = stores.settings;

  return {
    'settings.get': () => settings.publication(),

    'settings.update': (input) => {
      // Publication settings are the admin's (DESIGN.md §5): the taxonomy and print formats every story uses.
      ctx.access.authorize('manage_settings');
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
  const kept = new Set(next.sectors.map((sector) => sector.id));
  for (const sector of current.sectors) {
    const count = usage[sector.id] ?? 0;
    if (kept.has(sector.id) || count === 0) continue;
    const stories = count === 1 ? '1 story uses it' : `${count.toLocaleString('en')} stories use it`;
    throw new CopydeskError(
      ErrorCode.VALIDATION,
      `The sector "${sector.label}" cannot be removed: ${stories}. Retire it instead.`,
      [{ path: 'sectors', message: `Sector ${sector.id} is used by ${count} stories`, sectorId: sector.id, stories: count }],
    );
  }
}
