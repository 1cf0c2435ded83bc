import { TEXT_FORMAT, type CaptionRun } from '../../../shared/model/anatomy.ts';

/**
 * Captions as runs of text with inline formatting (`CaptionRun[]`), to and
 * from the DOM: the editor's caption field, exportDOM and importDOM. Only
 * bold, italic, underline and strikethrough exist in a caption; anything else
 * in the DOM is read as its text. Built with createElement/textContent only.
 */

const TAGS: ReadonlyArray<{ bit: number; tag: string; matches: readonly string[] }> = [
  { bit: TEXT_FORMAT.bold, tag: 'b', matches: ['B', 'STRONG'] },
  { bit: TEXT_FORMAT.italic, tag: 'i', matches: ['I', 'EM'] },
  { bit: TEXT_FORMAT.underline, tag: 'u', matches: ['U'] },
  { bit: TEXT_FORMAT.strikethrough, tag: 's', matches: ['S', 'STRIKE', 'DEL'] },
];

const MAX_RUN = 2000;
const MAX_RUNS = 200;

/** Merges neighbours with the same format, drops empty runs and keeps the schema's limits. */
export function normalizeCaption(runs: readonly CaptionRun[]): CaptionRun[] {
  const out: CaptionRun[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const last = out.at(-1);
    if (last && last.format === run.format && last.text.length + run.text.length <= MAX_RUN) last.text += run.text;
    else out.push({ text: run.text.slice(0, MAX_RUN), format: run.format & 15 });
  }
  return out.slice(0, MAX_RUNS);
}

export function sameCaption(a: readonly CaptionRun[], b: readonly CaptionRun[]): boolean {
  return a.length === b.length && a.every((run, i) => run.text === b[i]!.text && run.format === b[i]!.format);
}

/** Reads the runs of a caption element (its text, with b/strong/i/em/u/s as formats; line breaks as spaces). */
export function captionFromDOM(root: Node): CaptionRun[] {
  const runs: CaptionRun[] = [];
  const walk = (node: Node, format: number) => {
    if (node.nodeType === 3) {
      runs.push({ text: (node.textContent ?? '').replace(/\s+/g, ' '), format });
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (element.tagName === 'BR') {
      runs.push({ text: ' ', format });
      return;
    }
    let next = format;
    for (const { bit, matches } of TAGS) if (matches.includes(element.tagName)) next |= bit;
    const style = (element as HTMLElement).style as CSSStyleDeclaration | undefined;
    if (style) {
      // execCommand may write spans with inline styles instead of tags.
      if (style.fontWeight === 'bold' || Number(style.fontWeight) >= 600) next |= TEXT_FORMAT.bold;
      if (style.fontStyle === 'italic') next |= TEXT_FORMAT.italic;
    }
    for (const child of Array.from(element.childNodes)) walk(child, next);
  };
  for (const child of Array.from(root.childNodes)) walk(child, 0);
  const merged = normalizeCaption(runs);
  // Leading and trailing spaces are editing leftovers, not part of the caption.
  if (merged.length > 0) {
    merged[0]!.text = merged[0]!.text.replace(/^\s+/, '');
    merged[merged.length - 1]!.text = merged[merged.length - 1]!.text.replace(/\s+$/, '');
  }
  return normalizeCaption(merged);
}

/** Appends the runs to `parent` as text wrapped in b/i/u/s elements. */
export function appendCaption(parent: Node, runs: readonly CaptionRun[], doc: Document = parent.ownerDocument ?? document): void {
  for (const run of runs) {
    let node: Node = doc.createTextNode(run.text);
    for (const { bit, tag } of [...TAGS].reverse()) {
      if ((run.format & bit) === 0) continue;
      const element = doc.createElement(tag);
      element.appendChild(node);
      node = element;
    }
    parent.appendChild(node);
  }
}

/** A caption written as text, e.g. from embedded metadata. */
export function plainCaption(text: string): CaptionRun[] {
  return normalizeCaption([{ text, format: 0 }]);
}
