import { z } from 'zod';
import { Sector, type SectorId } from './anatomy.ts';
import { DEFAULT_SECTORS } from './anatomy.ts';
import { BylineFormat, DEFAULT_BYLINE_FORMAT, DEFAULT_NOTE_TEMPLATES, NoteTemplates } from './credits.ts';

/**
 * The publication's settings that shape stories: the sector taxonomy, how the
 * byline prints, and the contributor-note templates. One set per store; the
 * admin edits them in Settings, every story reads them.
 */

/** A Media Topic (or any taxonomy) address a reader's browser could open: http(s) only. */
const HttpUri = z
  .string()
  .trim()
  .max(300, 'IPTC Media Topic URI is longer than 300 characters')
  .refine((value) => /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(value) && URL.canParse(value), 'IPTC Media Topic URI must be an http or https address');

/** A sector as settings accept it: the anatomy's Sector with an http(s) URI and a friendlier label rule. */
export const SettingsSector = Sector.extend({
  label: z.string().trim().min(1, 'A sector needs a label').max(80, 'Sector label is longer than 80 characters'),
  mediaTopicUri: HttpUri.nullable(),
});

export const MAX_SECTORS = 200;

export const SectorList = z
  .array(SettingsSector)
  .max(MAX_SECTORS, `A publication has at most ${MAX_SECTORS} sectors`)
  .superRefine((sectors, ctx) => {
    const ids = new Set<string>();
    const labels = new Map<string, number>();
    sectors.forEach((sector, index) => {
      if (ids.has(sector.id)) {
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `Two sectors share the id "${sector.id}"` });
      }
      ids.add(sector.id);
      if (sector.retired) return;
      const key = labelKey(sector.label);
      if (labels.has(key)) {
        ctx.addIssue({ code: 'custom', path: [index, 'label'], message: `Two active sectors are both called "${sector.label}"` });
      }
      labels.set(key, index);
    });
  });

export const PublicationSettings = z.object({
  sectors: SectorList,
  bylineFormat: BylineFormat,
  noteTemplates: NoteTemplates,
});
export type PublicationSettings = z.infer<typeof PublicationSettings>;

export const DEFAULT_PUBLICATION_SETTINGS: PublicationSettings = {
  sectors: DEFAULT_SECTORS,
  bylineFormat: DEFAULT_BYLINE_FORMAT,
  noteTemplates: DEFAULT_NOTE_TEMPLATES,
};

/** How labels are compared for duplicates: case, accents and spacing do not make two sectors different. */
export function labelKey(label: string): string {
  return label.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/**
 * A new sector id from its label: "Commerce, Culture, and Tourism" →
 * "commerce-culture-and-tourism", suffixed "-2", "-3", … when taken (ids of
 * retired sectors count: an id is never reused for a different sector).
 */
export function sectorIdFor(label: string, taken: Iterable<string>): SectorId {
  const used = new Set(taken);
  let base = labelKey(label)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (base === '') base = 'sector';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** The label a story shows for a sector id; an id the taxonomy does not know is shown as it is. */
export function sectorLabel(sectors: readonly Sector[], id: string): string {
  return sectors.find((sector) => sector.id === id)?.label ?? id;
}
