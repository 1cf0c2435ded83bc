import type { CaptionRun, NoteEntry } from '../../../../shared/model/anatomy.ts';
import type { SerializedDocument, SerializedNode } from '../../../../shared/model/document.ts';

/** Serialized blocks as the editor saves them, for review tests. */

let counter = 0;
/** A well-formed block id, distinct per call unless a suffix is given. */
export function id(suffix?: string): string {
  const tail = suffix ?? String(counter++);
  return `b${tail.padStart(16, '0')}`.slice(0, 17);
}

function text(value: string, format = 0): SerializedNode {
  return { type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style: '' };
}

export function para(blockId: string | null, value: string | Array<[string, number]>): SerializedNode {
  const children = typeof value === 'string' ? (value === '' ? [] : [text(value)]) : value.map(([t, f]) => text(t, f));
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children,
    ...(blockId === null ? {} : { $: { blockId } }),
  };
}

export function heading(blockId: string, value: string, tag = 'h2'): SerializedNode {
  return { type: 'heading', version: 1, tag, direction: 'ltr', format: '', indent: 0, children: [text(value)], $: { blockId } };
}

export function sector(blockId: string, sectorId: string): SerializedNode {
  return { type: 'sector-heading', version: 1, sectorId, $: { blockId } };
}

export const SHA = 'a'.repeat(64);

export function figure(blockId: string, fields: { caption?: CaptionRun[]; credit?: string; alt?: string; creator?: string; sha?: string | null } = {}): SerializedNode {
  const sha = fields.sha === undefined ? SHA : fields.sha;
  return {
    type: 'figure',
    version: 1,
    media: sha === null ? null : { sha256: sha, mime: 'image/jpeg', width: 1200, height: 800 },
    alt: fields.alt ?? 'City skyline at night',
    caption: fields.caption ?? [{ text: 'Chongqing at night.', format: 0 }],
    credit: fields.credit ?? 'iChongqing',
    creator: fields.creator ?? 'Vivian Yan',
    $: { blockId },
  };
}

export function note(blockId: string, contributors: NoteEntry[]): SerializedNode {
  return { type: 'contributor-note', version: 1, contributors, $: { blockId } };
}

export function doc(...blocks: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: blocks } };
}
