import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RevisionSnapshot } from '../../../../shared/api/methods/revisions.ts';
import type { SerializedNode } from '../../../../shared/model/document.ts';
import { canonicalJson } from '../../../../shared/review/canonicalJson.ts';
import { applySnapshotDelta, encodeSnapshotDelta, SNAPSHOT_DELTA_LIMITS, SnapshotDelta, SnapshotDeltaError } from '../../../../shared/sync/delta.ts';

/**
 * The snapshot delta's promise: the hub rebuilds exactly the snapshot the
 * workstation made (the revision id is the sha256 of it), whatever the edit,
 * and a small edit to a long story travels small.
 */

function blockId(n: number): string {
  return `b${String(n).padStart(16, '0')}`;
}

function paragraph(id: string | null, text: string, extra: Record<string, unknown> = {}): SerializedNode {
  return {
    type: 'paragraph',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    textFormat: 0,
    textStyle: '',
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
    ...(id === null ? {} : { $: { blockId: id } }),
    ...extra,
  };
}

function story(blocks: SerializedNode[], header: Partial<RevisionSnapshot> = {}): RevisionSnapshot {
  return {
    headline: 'Chongqing pilots service industry reform',
    standfirst: 'Hospitals and banks open to foreign investors first.',
    dateline: { place: 'Chongqing', date: '2021-09-06' },
    byline: [{ personId: null, name: 'Vivian Yan', role: 'author' }],
    language: 'en',
    body: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children: blocks } },
    ...header,
  };
}

/** What the hub does: the delta arrives as JSON and is parsed with the protocol's schema. */
function overTheWire(delta: SnapshotDelta): SnapshotDelta {
  return SnapshotDelta.parse(JSON.parse(JSON.stringify(delta)));
}

function roundTrip(base: RevisionSnapshot, next: RevisionSnapshot): RevisionSnapshot {
  return applySnapshotDelta(base, overTheWire(encodeSnapshotDelta(base, next)));
}

const WORDS = ['the', 'council', 'voted', 'to', 'close', 'harbour', 'bridge', 'after', 'inspectors', 'found', 'cracks', 'in', 'its', 'piers', 'on', 'Tuesday'];

/** A story of `words` words in paragraphs of 60, every paragraph with a block id. */
function longStory(words: number): RevisionSnapshot {
  const blocks: SerializedNode[] = [];
  for (let i = 0; i * 60 < words; i++) {
    const text = Array.from({ length: Math.min(60, words - i * 60) }, (_, w) => WORDS[(i * 7 + w * 3) % WORDS.length]).join(' ');
    blocks.push(paragraph(blockId(i), `${text[0]!.toUpperCase()}${text.slice(1)}.`));
  }
  return story(blocks);
}

describe('shared/sync snapshot delta', () => {
  it('sends a one-word edit to a 5,000-word story in under 4 KB and rebuilds it exactly', () => {
    const base = longStory(5000);
    const next = structuredClone(base);
    const edited = next.body.root.children[40]!.children![0]!;
    edited.text = edited.text!.replace('harbour', 'harbor');
    expect(edited.text).toContain('harbor');

    const delta = encodeSnapshotDelta(base, next);
    const bytes = Buffer.byteLength(JSON.stringify(delta));
    expect(Buffer.byteLength(JSON.stringify(base))).toBeGreaterThan(30_000);
    expect(bytes).toBeLessThan(4 * 1024);
    // Only the edited paragraph travels in full; the others are named by id.
    expect(delta.blocks.filter((b) => typeof b !== 'string')).toEqual([next.body.root.children[40]]);
    expect(delta.header).toEqual({});
    expect(delta.root).toBeUndefined();
    expect(canonicalJson(roundTrip(base, next))).toBe(canonicalJson(next));
  });

  it('carries only the header fields that changed', () => {
    const base = longStory(300);
    const next = { ...structuredClone(base), headline: 'Chongqing opens hospitals to foreign investors', dateline: { place: 'Chongqing', date: '2021-09-07' } };
    const delta = encodeSnapshotDelta(base, next);
    expect(delta.header).toEqual({ headline: next.headline, dateline: next.dateline });
    expect(delta.blocks.every((b) => typeof b === 'string')).toBe(true);
    expect(canonicalJson(roundTrip(base, next))).toBe(canonicalJson(next));
  });

  it('keeps insertions, deletions, moves, id-less blocks and root changes in place', () => {
    const base = story([paragraph(blockId(1), 'One.'), paragraph(null, 'No id.'), paragraph(blockId(2), 'Two.'), paragraph(blockId(3), 'Three.')]);
    const next = story([paragraph(blockId(3), 'Three.'), paragraph(blockId(9), 'New.'), paragraph(null, 'No id.'), paragraph(blockId(1), 'One, edited.')]);
    next.body.root.direction = 'rtl';
    const delta = encodeSnapshotDelta(base, next);
    expect(delta.blocks.map((b) => (typeof b === 'string' ? b : 'full'))).toEqual([blockId(3), 'full', 'full', 'full']);
    expect(delta.root).toEqual({ type: 'root', version: 1, direction: 'rtl', format: '', indent: 0 });
    expect(canonicalJson(roundTrip(base, next))).toBe(canonicalJson(next));
  });

  it('sends a change Lexical alone sees (direction, version) in full: the id covers every byte', () => {
    const base = story([paragraph(blockId(1), 'One.')]);
    const next = story([paragraph(blockId(1), 'One.', { direction: 'rtl' })]);
    expect(encodeSnapshotDelta(base, next).blocks).toEqual([next.body.root.children[0]]);
    expect(canonicalJson(roundTrip(base, next))).toBe(canonicalJson(next));
  });

  it('sends blocks whose id the base repeats in full rather than guess which one was meant', () => {
    const base = story([paragraph(blockId(1), 'First.'), paragraph(blockId(1), 'Second.')]);
    const next = story([paragraph(blockId(1), 'Second.')]);
    expect(encodeSnapshotDelta(base, next).blocks).toEqual([next.body.root.children[0]]);
    expect(canonicalJson(roundTrip(base, next))).toBe(canonicalJson(next));
  });

  it('refuses a delta naming a block its base does not have', () => {
    const base = story([paragraph(blockId(1), 'One.')]);
    const other = story([paragraph(blockId(2), 'Two.')]);
    const delta = encodeSnapshotDelta(other, other);
    expect(() => applySnapshotDelta(base, delta)).toThrow(SnapshotDeltaError);
    expect(() => applySnapshotDelta(base, delta)).toThrow(`The delta names block ${blockId(2)}, which its base revision does not have.`);
  });

  it('shares no objects with its inputs', () => {
    const base = story([paragraph(blockId(1), 'One.')]);
    const next = story([paragraph(blockId(1), 'One.'), paragraph(blockId(2), 'Two.')]);
    const delta = encodeSnapshotDelta(base, next);
    const rebuilt = applySnapshotDelta(base, delta);
    rebuilt.body.root.children[0]!.children![0]!.text = 'changed';
    (delta.blocks[1] as SerializedNode).type = 'heading';
    expect(base.body.root.children[0]!.children![0]!.text).toBe('One.');
    expect(next.body.root.children[1]!.type).toBe('paragraph');
  });

  it('has a schema with limits: malformed deltas are refused with a reason', () => {
    const ok = encodeSnapshotDelta(story([]), story([paragraph(blockId(1), 'One.')]));
    expect(SnapshotDelta.safeParse(ok).success).toBe(true);
    const tooMany = { header: {}, blocks: Array.from({ length: SNAPSHOT_DELTA_LIMITS.blocks + 1 }, () => blockId(1)) };
    expect(SnapshotDelta.safeParse(tooMany).error?.issues[0]?.message).toBe('A delta lists at most 100,000 blocks');
    expect(SnapshotDelta.safeParse({ header: {}, blocks: ['not-an-id'] }).success).toBe(false);
    expect(SnapshotDelta.safeParse({ header: { owner: 'x' }, blocks: [] }).success).toBe(false);
    expect(SnapshotDelta.safeParse({ header: {}, root: { type: 'root', version: 1, children: [] }, blocks: [] }).error?.issues[0]?.message).toBe(
      'The root fields of a delta do not include its children',
    );
    expect(SnapshotDelta.safeParse({ header: { headline: 'x'.repeat(501) }, blocks: [] }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// Property: apply(base, encode(base, next)) is next, for random edits

type Edit =
  | { kind: 'text'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string; withId: boolean }
  | { kind: 'delete'; at: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'dropId'; at: number }
  | { kind: 'heading'; at: number }
  | { kind: 'headline'; text: string }
  | { kind: 'byline'; name: string }
  | { kind: 'root'; direction: 'ltr' | 'rtl' | null };

const text = fc.array(fc.constantFrom(...WORDS, 'Chongqing', '重庆', 'naïve', '"quoted"', '\\', '\n'), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), at: fc.nat(), text }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text, withId: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('dropId' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('heading' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('headline' as const), text }),
  fc.record({ kind: fc.constant('byline' as const), name: fc.constantFrom('Peng Qin', 'Li Wei', 'Zhao Min') }),
  fc.record({ kind: fc.constant('root' as const), direction: fc.constantFrom('ltr' as const, 'rtl' as const, null) }),
);

let fresh = 1000;
function applyEdit(snapshot: RevisionSnapshot, e: Edit): void {
  const blocks = snapshot.body.root.children;
  const at = (n: number) => (blocks.length === 0 ? 0 : n % blocks.length);
  switch (e.kind) {
    case 'text':
      if (blocks.length > 0) blocks[at(e.at)]!.children = [{ type: 'text', version: 1, text: e.text, format: 0, detail: 0, mode: 'normal', style: '' }];
      break;
    case 'insert':
      blocks.splice(blocks.length === 0 ? 0 : e.at % (blocks.length + 1), 0, paragraph(e.withId ? blockId((fresh += 1)) : null, e.text));
      break;
    case 'delete':
      if (blocks.length > 0) blocks.splice(at(e.at), 1);
      break;
    case 'move':
      if (blocks.length > 0) blocks.splice(at(e.to), 0, blocks.splice(at(e.from), 1)[0]!);
      break;
    case 'dropId':
      if (blocks.length > 0) delete blocks[at(e.at)]!.$;
      break;
    case 'heading':
      if (blocks.length > 0) Object.assign(blocks[at(e.at)]!, { type: 'heading', tag: 'h2' });
      break;
    case 'headline':
      snapshot.headline = e.text;
      break;
    case 'byline':
      snapshot.byline = [...snapshot.byline, { personId: null, name: e.name, role: 'author' }];
      break;
    case 'root':
      snapshot.body.root.direction = e.direction;
      break;
  }
}

describe('shared/sync snapshot delta (property)', () => {
  it('rebuilds the exact snapshot for random edits to random stories', () => {
    const base = fc.array(fc.record({ text, withId: fc.boolean() }), { maxLength: 30 }).map((paragraphs) =>
      story(paragraphs.map((p, i) => paragraph(p.withId ? blockId(i) : null, p.text))),
    );
    fc.assert(
      fc.property(base, fc.array(edit, { maxLength: 12 }), (start, edits) => {
        const next = structuredClone(start);
        for (const e of edits) applyEdit(next, e);
        const delta = encodeSnapshotDelta(start, next);
        expect(canonicalJson(applySnapshotDelta(start, overTheWire(delta)))).toBe(canonicalJson(next));
        // Nothing the base already has, unchanged, travels in full.
        const unchanged = new Set(start.body.root.children.map((b) => canonicalJson(b)));
        for (const block of delta.blocks) if (typeof block !== 'string' && block.$ !== undefined) expect(unchanged.has(canonicalJson(block))).toBe(false);
      }),
      { seed: 20260302, numRuns: 300 },
    );
  });
});
