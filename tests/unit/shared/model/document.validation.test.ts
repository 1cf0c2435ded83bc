import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SerializedDocument, SerializedNode } from '../../../../shared/model/document.ts';
import { SerializedDocumentSchema } from '../../../../shared/model/document.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { doc, list, listItem, paragraph } from '../../../support/documents.ts';

/**
 * The backend validates the story anatomy on save (issue #3, point 5): custom
 * blocks against their schemas, block ids well formed and unique, only known
 * block types at the top level. A refused save leaves the stored story as it was.
 */

const SHA = 'a'.repeat(64);
const withId = (node: SerializedNode, blockId: string): SerializedNode => ({ ...node, $: { blockId } });
const sector = (sectorId: unknown): SerializedNode => ({ type: 'sector-heading', version: 1, sectorId });
const note = (contributors: unknown): SerializedNode => ({ type: 'contributor-note', version: 1, contributors });
const figure = (overrides: Record<string, unknown> = {}): SerializedNode => ({
  type: 'figure',
  version: 1,
  media: { sha256: SHA, mime: 'image/jpeg', width: 1200, height: 800 },
  alt: 'Chongqing at night',
  caption: [{ text: 'The Yangtze at night', format: 0 }, { text: ' in Chongqing', format: 2 }],
  credit: 'iChongqing/ Vivian Yan',
  creator: 'Vivian Yan',
  ...overrides,
});

const GOOD = doc(
  withId(paragraph('Chongqing was chosen.'), 'b0000000000000001'),
  withId(sector('health-care'), 'b0000000000000002'),
  withId(paragraph('Hospitals may open.'), 'b0000000000000003'),
  withId(figure(), 'b0000000000000004'),
  withId(figure({ media: null }), 'b0000000000000005'),
  withId(note([{ personId: null, name: 'Peng Qin', role: 'intern' }]), 'b0000000000000006'),
);

let t: TestBackend;
let id: string;
let revision: number;
beforeEach(() => {
  t = openTestBackend();
  id = t.ok('stories.create', { headline: 'Service pilot' }).id;
  revision = t.ok('stories.save', { id, headline: 'Service pilot', standfirst: '', body: GOOD }).revision;
});
afterEach(() => t.close());

function expectRefused(body: unknown, message: RegExp): void {
  const error = t.fails('stories.save', { id, headline: 'Changed headline', standfirst: '', body });
  expect(error.code).toBe('VALIDATION');
  expect(error.message).toMatch(message);
  const stored = t.ok('stories.get', { id });
  expect(stored.body).toEqual(GOOD);
  expect(stored.headline).toBe('Service pilot');
  expect(stored.revision).toBe(revision);
}

const replaceBlock = (index: number, block: SerializedNode): SerializedDocument =>
  doc(...GOOD.root.children.map((b, i) => (i === index ? block : b)));

describe('saving a story with custom blocks', () => {
  it('stores sector headings, figures (and placeholders) and contributor notes as they are, ids included', () => {
    expect(t.ok('stories.get', { id }).body).toEqual(GOOD);
  });

  it('accepts blocks without ids (a body from before block ids existed)', () => {
    expect(SerializedDocumentSchema.safeParse(doc(paragraph('a'), sector('data'), paragraph('b'))).success).toBe(true);
  });
});

describe('a malformed body is refused with VALIDATION and the stored story is unchanged', () => {
  it('a sector heading without a valid sector id', () => {
    expectRefused(replaceBlock(1, sector('Health Care')), /Block 2 is a malformed sector heading \(sectorId\)/);
    expectRefused(replaceBlock(1, sector(undefined)), /malformed sector heading/);
    expectRefused(replaceBlock(1, { ...sector('data'), version: 2 }), /malformed sector heading \(version\)/);
  });

  it('a figure with a bad media reference, caption run or missing credit', () => {
    expectRefused(replaceBlock(3, figure({ media: { sha256: 'not-a-hash', mime: 'image/jpeg', width: 1, height: 1 } })), /Block 4 is a malformed figure \(media\.sha256\)/);
    expectRefused(replaceBlock(3, figure({ media: { sha256: SHA, mime: 'image/svg+xml', width: 1, height: 1 } })), /malformed figure \(media\.mime\)/);
    expectRefused(replaceBlock(3, figure({ caption: [{ text: 'x', format: 99 }] })), /malformed figure \(caption\.0\.format\)/);
    expectRefused(replaceBlock(3, figure({ credit: undefined })), /malformed figure \(credit\)/);
  });

  it('a contributor note with an unknown role or an empty name', () => {
    expectRefused(replaceBlock(5, note([{ personId: null, name: 'Peng Qin', role: 'chef' }])), /Block 6 is a malformed contributor note \(contributors\.0\.role\)/);
    expectRefused(replaceBlock(5, note([{ personId: null, name: '   ', role: 'intern' }])), /A contributor needs a name/);
    expectRefused(replaceBlock(5, note('Peng Qin')), /malformed contributor note/);
  });

  it('two blocks with the same id', () => {
    expectRefused(replaceBlock(2, withId(paragraph('Hospitals may open.'), 'b0000000000000001')), /Blocks 1 and 3 share the block id b0000000000000001/);
  });

  it('a malformed block id', () => {
    expectRefused(replaceBlock(0, withId(paragraph('x'), 'B-1')), /Block 1 has a malformed block id/);
    expectRefused(replaceBlock(0, { ...paragraph('x'), $: 'b0000000000000001' }), /node state that is not an object/);
  });

  it('a top-level block of a type a story cannot hold', () => {
    expectRefused(doc(paragraph('a'), { type: 'table', version: 1, children: [] }), /Block 2 is of type "table"/);
    expectRefused(doc(paragraph('a'), { type: 'text', version: 1, text: 'loose text' }), /Block 2 is of type "text"/);
  });

  it('a custom block nested inside another block', () => {
    expectRefused(doc(list('bullet', listItem(1, sector('data')))), /A sector heading must be a top-level block/);
  });
});
