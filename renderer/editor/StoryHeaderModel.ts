import type { BylineEntry, BylineRole, Dateline } from '../../shared/model/anatomy.ts';

/** A byline row as the editor holds it: an entry being typed may still have no name. */
export interface BylineRow {
  /** Stable React key for the row (not stored). */
  key: string;
  personId: string | null;
  name: string;
  role: BylineRole;
}

export interface StoryHeaderValue {
  dateline: Dateline;
  byline: BylineRow[];
}

let nextKey = 0;
const rowKey = () => `byline-row-${++nextKey}`;

export function toBylineRows(byline: readonly BylineEntry[]): BylineRow[] {
  return byline.map((entry) => ({ key: rowKey(), ...entry }));
}

export function newBylineRow(role: BylineRole = 'author'): BylineRow {
  return { key: rowKey(), personId: null, name: '', role };
}

/** What is saved: rows with a name, trimmed; rows still empty are not part of the story yet. */
export function toBylineEntries(rows: readonly BylineRow[]): BylineEntry[] {
  return rows
    .map(({ personId, name, role }) => ({ personId, name: name.replace(/\s+/g, ' ').trim(), role }))
    .filter((entry) => entry.name !== '');
}
