import { z } from 'zod';
import { NOTE_ROLES, type BylineEntry, type BylineRole, type NoteEntry, type NoteRole } from './anatomy.ts';

/**
 * How credits read in print: the byline ("By VIVIAN YAN") and the
 * contributor note ("(Peng Qin, as an intern, also contributed to this
 * report.)"). The wording is the publication's, kept in settings.
 */

export const BylineFormat = z.object({
  /** Word before the authors' names. */
  prefix: z.string().trim().max(40).default('By'),
  /** "By VIVIAN YAN" rather than "By Vivian Yan". */
  uppercaseNames: z.boolean().default(true),
});
export type BylineFormat = z.infer<typeof BylineFormat>;

export const DEFAULT_BYLINE_FORMAT: BylineFormat = { prefix: 'By', uppercaseNames: true };

/** A sentence per role, for one person and for several; `{names}` is replaced. */
const NoteSentence = z.object({
  one: z.string().trim().min(1).max(300).refine((t) => t.includes('{names}'), 'The template must contain {names}'),
  many: z.string().trim().min(1).max(300).refine((t) => t.includes('{names}'), 'The template must contain {names}'),
});

export const NoteTemplates = z.object(
  Object.fromEntries(NOTE_ROLES.map((role) => [role, NoteSentence])) as Record<NoteRole, typeof NoteSentence>,
);
export type NoteTemplates = z.infer<typeof NoteTemplates>;

export const DEFAULT_NOTE_TEMPLATES: NoteTemplates = {
  intern: { one: '{names}, as an intern, also contributed to this report.', many: '{names}, as interns, also contributed to this report.' },
  additional_reporting: { one: '{names} contributed additional reporting.', many: '{names} contributed additional reporting.' },
  translation: { one: 'Translated by {names}.', many: 'Translated by {names}.' },
  photos: { one: 'Photos by {names}.', many: 'Photos by {names}.' },
};

export const NOTE_ROLE_LABELS: Record<NoteRole, string> = {
  intern: 'Intern',
  additional_reporting: 'Additional reporting',
  translation: 'Translation',
  photos: 'Photos',
};

export const BYLINE_ROLE_LABELS: Record<BylineRole, string> = {
  author: 'Author',
  photographer: 'Photographer',
  translator: 'Translator',
  editor: 'Editor',
  contributor: 'Contributor',
};

/** "A", "A and B", "A, B and C" (newsroom style: no serial comma). */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function namesIn<R extends string>(entries: readonly { name: string; role: R }[], role: R): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const entry of entries) {
    const name = entry.name.trim();
    if (entry.role !== role || name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

const OTHER_BYLINE_ROLES: Array<[Exclude<BylineRole, 'author'>, string]> = [
  ['photographer', 'Photos by'],
  ['translator', 'Translated by'],
  ['editor', 'Edited by'],
  ['contributor', 'With'],
];

/**
 * The byline as printed: authors after the prefix, then other roles:
 * "By VIVIAN YAN and PENG QIN · Photos by LI WEI". Empty when nobody is credited.
 */
export function formatByline(entries: readonly BylineEntry[], format: BylineFormat = DEFAULT_BYLINE_FORMAT): string {
  const style = (names: string[]) => joinNames(format.uppercaseNames ? names.map((n) => n.toLocaleUpperCase('en')) : names);
  const parts: string[] = [];
  const authors = namesIn(entries, 'author');
  if (authors.length > 0) parts.push(format.prefix ? `${format.prefix} ${style(authors)}` : style(authors));
  for (const [role, label] of OTHER_BYLINE_ROLES) {
    const names = namesIn(entries, role);
    if (names.length > 0) parts.push(`${label} ${style(names)}`);
  }
  return parts.join(' · ');
}

/**
 * The contributor note as printed, one sentence per role in a fixed order,
 * in parentheses: "(Peng Qin and Li Wei, as interns, also contributed to this report.)".
 * Empty when the note names nobody.
 */
export function formatContributorNote(entries: readonly NoteEntry[], templates: NoteTemplates = DEFAULT_NOTE_TEMPLATES): string {
  const sentences: string[] = [];
  for (const role of NOTE_ROLES) {
    const names = namesIn(entries, role);
    if (names.length === 0) continue;
    const template = names.length === 1 ? templates[role].one : templates[role].many;
    sentences.push(template.replaceAll('{names}', joinNames(names)));
  }
  return sentences.length === 0 ? '' : `(${sentences.join(' ')})`;
}
