import { z } from 'zod';
import { BylineFormat, NoteTemplates } from '../model/credits.ts';
import { PublicationSettings, SectorList } from '../model/publication.ts';
import { Role } from '../workflow/roles.ts';
import { UserId } from './auth.ts';

/**
 * The newsroom's own settings as the hub keeps them (DESIGN.md §8): the
 * publication settings every story uses (sectors, byline format,
 * contributor-note templates) and the people directory colleagues need to
 * see each other by name and role.
 *
 * - `GET /v1/newsroom` (anyone signed in) → {@link NewsroomResponse}, with an
 *   ETag; `If-None-Match` with it answers 304 while nothing changed.
 * - `PUT /v1/admin/newsroom/settings` (admins: the policy's 'manage_settings')
 *   with {@link NewsroomSettingsUpdate} → {@link NewsroomSettingsResponse}.
 */

/**
 * One person as every colleague sees them: what names and permissions need on
 * a workstation. No user names, passwords or sessions: those are the admin's
 * (`/v1/admin/users`).
 */
export const NewsroomPerson = z.object({
  id: UserId,
  name: z.string(),
  role: Role,
  /** An intern's supervisor; null for everyone else. */
  supervisorId: UserId.nullable(),
  /** False for a disabled account: they may have written stories, but cannot sign in. */
  active: z.boolean(),
});
export type NewsroomPerson = z.infer<typeof NewsroomPerson>;

export const NewsroomResponse = z.object({
  /** 0 while no admin has set the settings (they are then the built-in defaults); one more with every change. */
  version: z.number().int().min(0),
  settings: PublicationSettings,
  people: z.array(NewsroomPerson),
});
export type NewsroomResponse = z.infer<typeof NewsroomResponse>;

/**
 * The parts to replace, as the workstation's `settings.update` takes them
 * (parts left out stay as they are; sectors are the whole list). With
 * `baseVersion`, the hub refuses (409) when its settings are no longer at that
 * version, so an admin working from an older copy never undoes a colleague's
 * change unseen.
 */
export const NewsroomSettingsUpdate = z
  .object({
    sectors: SectorList.optional(),
    bylineFormat: BylineFormat.optional(),
    noteTemplates: NoteTemplates.optional(),
    baseVersion: z.number().int().min(0).optional(),
  })
  .strict();
export type NewsroomSettingsUpdate = z.infer<typeof NewsroomSettingsUpdate>;

export const NewsroomSettingsResponse = z.object({
  version: z.number().int().min(0),
  settings: PublicationSettings,
});
export type NewsroomSettingsResponse = z.infer<typeof NewsroomSettingsResponse>;

/**
 * The first sector of `current` that `next` drops although stories use it
 * (`usage`: stories per sector id), or null. Stories address sectors by id, so
 * such a sector may be renamed or retired, never dropped.
 */
export function droppedSectorInUse(
  current: PublicationSettings,
  next: Pick<PublicationSettings, 'sectors'>,
  usage: Readonly<Record<string, number>>,
): { id: string; label: string; stories: number } | null {
  const kept = new Set(next.sectors.map((sector) => sector.id));
  for (const sector of current.sectors) {
    const stories = usage[sector.id] ?? 0;
    if (!kept.has(sector.id) && stories > 0) return { id: sector.id, label: sector.label, stories };
  }
  return null;
}

/** The sentence both the workstation and the hub refuse a dropped sector with. */
export function sectorInUseMessage(label: string, stories: number): string {
  const used = stories === 1 ? '1 story uses it' : `${stories.toLocaleString('en')} stories use it`;
  return `The sector "${label}" cannot be removed: ${used}. Retire it instead.`;
}
