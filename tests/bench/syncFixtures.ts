import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
import { newBlockId } from '../../shared/model/anatomy.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import { canonicalJson } from '../../shared/review/canonicalJson.ts';
import { encodeSnapshotDelta } from '../../shared/sync/delta.ts';
import { revisionIdInput, type RevisionHeader } from '../../shared/sync/protocol.ts';

/**
 * What the sync benchmarks (tests/bench/sync.ts, syncLoad.ts) send: stories
 * of generated newsroom prose, one-word edits, revisions with their ids
 * computed as a workstation computes them, the mutations that carry them,
 * and the table they print.
 */

function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
/** Seeded: every run sends the same stories, edits and pauses. */
export const random = prng(20260302);

const WORDS = (
  'the of and to a in that is was for it with as on be at by this had not are but from or have an they which one were all ' +
  'there would their been has when who will more if out so said what up its about into than them can only other new some ' +
  'council minister police court city officials president week report told public percent million budget election party ' +
  'company market health school plan law economy country local national workers prices water housing hospital harbour ' +
  'bridge railway contract union strike vote parliament opposition leader campaign interview inspectors piers tunnel'
).split(' ');

function paragraphText(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(random() * random() * WORDS.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(text: string): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    $: { blockId: newBlockId() },
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}

/** A story of about `words` words in paragraphs of 30–90 words, every block with an id (as the editor makes them). */
export function storyOf(headline: string, words: number): RevisionSnapshot {
  const children: SerializedNode[] = [];
  for (let done = 0; done < words; ) {
    const n = Math.min(words - done, 30 + Math.floor(random() * 61));
    children.push(paragraph(paragraphText(n)));
    done += n;
  }
  return {
    headline,
    standfirst: 'The council voted on Tuesday to close the harbour bridge after inspectors found cracks in two of its piers.',
    dateline: { place: 'Chongqing', date: '2026-03-02' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } },
  };
}

/** The same story with one word of one paragraph replaced. */
export function oneWordEdit(story: RevisionSnapshot): RevisionSnapshot {
  const next = structuredClone(story);
  const blocks = next.body.root.children;
  const text = blocks[Math.floor(random() * blocks.length)]!.children![0]!;
  const words = text.text!.split(' ');
  const at = Math.floor(random() * words.length);
  words[at] = words[at] === 'harbour' ? 'harbor' : 'harbour';
  text.text = words.join(' ');
  return next;
}

export interface Author {
  id: string;
  name: string;
}

let minute = 0;
/** A revision as the workstation's store checkpoints it: the header with its id computed over its content. */
export function revisionOf(storyId: string, author: Author, parents: string[], snapshot: RevisionSnapshot): RevisionHeader {
  minute += 1;
  const header = {
    parents,
    authorId: author.id,
    authorName: author.name,
    createdAt: new Date(Date.UTC(2026, 2, 1, 8, 0, 0, minute)).toISOString(),
    kind: 'save' as const,
    message: '',
  };
  const id = createHash('sha256').update(canonicalJson(revisionIdInput(storyId, header, snapshot))).digest('hex');
  return { id, ...header };
}

export const createMutation = (storyId: string, headline: string) => ({ id: ulid(), type: 'article.create', storyId, payload: { headline, language: 'en' } });
export const fullRevision = (storyId: string, base: string | null, revision: RevisionHeader, snapshot: RevisionSnapshot) => ({
  id: ulid(),
  type: 'article.revision',
  storyId,
  baseRevision: base,
  payload: { revision, snapshot },
});
export const deltaRevision = (storyId: string, base: string, baseSnapshot: RevisionSnapshot, revision: RevisionHeader, snapshot: RevisionSnapshot) => ({
  id: ulid(),
  type: 'article.revision',
  storyId,
  baseRevision: base,
  payload: { revision, deltaBase: base, delta: encodeSnapshotDelta(baseSnapshot, snapshot) },
});
/** A new comment on the first words of the story's first paragraph. */
export function commentMutation(storyId: string, snapshot: RevisionSnapshot, body: string): { id: string; type: string; storyId: string; payload: { commentId: string } } {
  const block = snapshot.body.root.children[0]!;
  const quote = block.children![0]!.text!.slice(0, 12);
  const blockId = (block.$ as { blockId: string }).blockId;
  return {
    id: ulid(),
    type: 'comment.create',
    storyId,
    payload: { commentId: ulid(), anchor: { blockId, start: 0, end: quote.length, quote }, body, mentions: [] } as { commentId: string },
  };
}

// ----------------------------------------------------------------- output

export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const msText = (value: number) => (Number.isNaN(value) ? '–' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));

export type Line = string | [measurement: string, value: string, baseline: string, baselineValue: string, ratio: string, note: string];

export function table(lines: Line[]): string {
  const header = ['measurement', 'value', 'baseline', 'value', 'ratio', 'note'];
  const rows = lines.filter((l): l is Exclude<Line, string> => typeof l !== 'string');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([1, 3, 4]);
  const format = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [format(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const line of lines) out.push(typeof line === 'string' ? line : format(line));
  return out.join('\n');
}
