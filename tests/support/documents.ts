import type { SerializedDocument, SerializedNode } from '../../shared/model/document.ts';

/** Builders for serialized Lexical documents, shaped like what the editor exports. */

export function text(value: string, format = 0): SerializedNode {
  return { type: 'text', version: 1, text: value, format, detail: 0, mode: 'normal', style: '' };
}

export function paragraph(...children: Array<SerializedNode | string>): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: children.map((c) => (typeof c === 'string' ? text(c) : c)),
  };
}

export function heading(tag: 'h1' | 'h2' | 'h3', value: string): SerializedNode {
  return { type: 'heading', version: 1, tag, direction: 'ltr', format: '', indent: 0, children: [text(value)] };
}

export function quote(...children: Array<SerializedNode | string>): SerializedNode {
  return {
    type: 'quote',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    children: children.map((c) => (typeof c === 'string' ? text(c) : c)),
  };
}

export function link(url: string, value: string): SerializedNode {
  return { type: 'link', version: 1, url, rel: null, target: null, title: null, direction: 'ltr', format: '', indent: 0, children: [text(value)] };
}

export function lineBreak(): SerializedNode {
  return { type: 'linebreak', version: 1 };
}

export function listItem(value: number, ...children: Array<SerializedNode | string>): SerializedNode {
  return {
    type: 'listitem',
    version: 1,
    value,
    direction: 'ltr',
    format: '',
    indent: 0,
    children: children.map((c) => (typeof c === 'string' ? text(c) : c)),
  };
}

export function list(listType: 'bullet' | 'number', ...items: SerializedNode[]): SerializedNode {
  return { type: 'list', version: 1, listType, start: 1, tag: listType === 'bullet' ? 'ul' : 'ol', direction: 'ltr', format: '', indent: 0, children: items };
}

export function doc(...blocks: SerializedNode[]): SerializedDocument {
  return { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: blocks } };
}

/** A document of one paragraph per string. */
export function docOf(...paragraphs: string[]): SerializedDocument {
  return doc(...paragraphs.map((p) => paragraph(p)));
}

/** A body nested `depth` levels deep counting the root (root → quote → quote … → text). */
export function nestedDoc(depth: number): SerializedDocument {
  let node: SerializedNode = text('deep');
  for (let level = depth - 1; level > 1; level--) node = { type: 'quote', version: 1, children: [node] };
  return { root: { type: 'root', version: 1, children: [node] } } as SerializedDocument;
}

const FILLER = (
  'the council said on tuesday that the new budget would fund schools roads and housing ' +
  'while critics argued the plan left rural districts behind and asked for an independent review'
).split(' ');

/** Deterministic English-like text of exactly `count` words. */
export function words(count: number, seed = 0): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(FILLER[(i * 7 + seed) % FILLER.length]!);
  return out.join(' ');
}

/** A long story as ~100-word paragraphs. */
export function longDoc(totalWords: number, seed = 0, lead = ''): SerializedDocument {
  const paragraphs: string[] = lead ? [lead] : [];
  for (let done = 0; done < totalWords; done += 100) paragraphs.push(words(Math.min(100, totalWords - done), seed + done));
  return docOf(...paragraphs);
}
