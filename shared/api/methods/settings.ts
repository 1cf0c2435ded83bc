import { z } from 'zod';
import { SectorId } from '../../model/anatomy.ts';
import { BylineFormat, NoteTemplates } from '../../model/credits.ts';
import { PublicationSettings, SectorList } from '../../model/publication.ts';
import { Empty } from '../schemas.ts';

/** Publication settings: sector taxonomy, byline format, contributor-note templates. */
export const settingsMethods = {
  'settings.get': {
    input: Empty,
    output: PublicationSettings,
  },
  /**
   * Replaces the parts given; parts left out stay as they are. Sectors are
   * sent as the whole list: a sector may be added, renamed or retired, but a
   * sector that stories use can never be dropped (VALIDATION: retire it).
   */
  'settings.update': {
    input: z
      .object({
        sectors: SectorList.optional(),
        bylineFormat: BylineFormat.optional(),
        noteTemplates: NoteTemplates.optional(),
      })
      .strict(),
    output: PublicationSettings,
  },
  /** How many stories (trash included) have a section of each sector; sectors nobody uses are left out. */
  'settings.sectorUsage': {
    input: Empty,
    output: z.object({ counts: z.record(SectorId, z.number().int().min(0)) }),
  },
} as const;
