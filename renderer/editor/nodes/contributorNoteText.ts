import { NOTE_ROLES, type NoteEntry } from '../../../shared/model/anatomy.ts';
import { DEFAULT_NOTE_TEMPLATES, type NoteTemplates } from '../../../shared/model/credits.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "A", "A and B", "A, B and C" (and a serial comma, which other styles use) back to names. */
function splitNames(names: string): string[] {
  return names
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Reads a printed contributor note back into entries, using the same
 * templates that print it: "(Peng Qin, as an intern, also contributed to this
 * report.)" → Peng Qin as intern. Sentences that match no template are
 * ignored; an empty list means nothing was recognised.
 */
export function parseContributorNote(text: string, templates: NoteTemplates = DEFAULT_NOTE_TEMPLATES): NoteEntry[] {
  let rest = text.trim().replace(/^\(\s*/, '').replace(/\s*\)$/, '');
  const entries: NoteEntry[] = [];
  let matched = true;
  while (rest !== '' && matched) {
    matched = false;
    for (const role of NOTE_ROLES) {
      // The "many" form first: "as interns" must not be read as "as an intern".
      for (const template of [templates[role].many, templates[role].one]) {
        const [before = '', after = ''] = template.split('{names}');
        const match = new RegExp(`^${escapeRegExp(before)}(.+?)${escapeRegExp(after)}(?:\\s+|$)`).exec(rest);
        if (!match) continue;
        for (const name of splitNames(match[1]!).slice(0, 30)) entries.push({ personId: null, name: name.slice(0, 120), role });
        rest = rest.slice(match[0].length);
        matched = true;
        break;
      }
      if (matched) break;
    }
  }
  return entries;
}
