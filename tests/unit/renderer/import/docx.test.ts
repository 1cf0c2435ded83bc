// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTORS, type CaptionRun } from '../../../../shared/model/anatomy.ts';
import { documentText, type SerializedNode } from '../../../../shared/model/document.ts';
import { StoryDraft } from '../../../../shared/transfer/draft.ts';
import { importDocx, type DocxProgress } from '../../../../renderer/import/docx.ts';

const fixture = () => {
  const bytes = readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'docx', 'reporter-draft.docx'));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

const label = (id: unknown) => DEFAULT_SECTORS.find((s) => s.id === id)?.label;
const blockId = (block: SerializedNode) => (block.$ as { blockId: string }).blockId;

describe("a reporter's Word draft", async () => {
  const progress: DocxProgress[] = [];
  const result = await importDocx(fixture(), { onProgress: (p) => progress.push(p) });
  const body = result.draft.body.root.children;

  it('reads the Title style as the headline, then the byline and the dateline', () => {
    expect(result.draft.headline).toBe('Why Chongqing’s Piloting in Western China’s Service Industry?');
    expect(result.draft.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    // "CHONGQING, Sept. 6 — …": the place, proper-cased; the draft gives no year, so no date.
    expect(result.draft.dateline).toEqual({ place: 'Chongqing', date: null });
    expect(result.report.found).toContain('Dateline: Chongqing, Sept. 6');
    const first = documentText({ root: { ...result.draft.body.root, children: [body[0]!] } });
    expect(first.startsWith('Chongqing is the only city in central and western China')).toBe(true);
  });

  it('keeps the Heading 2 sections as sector headings, in order', () => {
    expect(body.filter((b) => b.type === 'sector-heading').map((b) => label(b.sectorId))).toEqual([
      'Data',
      'Health Care',
      'Commerce, Culture, and Tourism',
    ]);
  });

  it('keeps the embedded photo as a figure with caption and credit apart, and its bytes for the media store', () => {
    const figures = body.filter((b) => b.type === 'figure');
    expect(figures).toHaveLength(1);
    const figure = figures[0]!;
    expect(figure.caption as CaptionRun[]).toEqual([{ text: 'Chongqing at night.', format: 0 }]);
    expect(figure.credit).toBe('iChongqing/ Vivian Yan');
    expect(figure.creator).toBe('Vivian Yan');
    expect(figure.media).toBeNull();
    expect(result.imageData).toHaveLength(1);
    const image = result.imageData[0]!;
    expect(image.blockId).toBe(blockId(figure));
    expect(image.mime).toBe('image/jpeg');
    // A JPEG: starts with FF D8.
    expect([image.bytes[0], image.bytes[1]]).toEqual([0xff, 0xd8]);
    expect(progress.some((p) => p.phase === 'images' && p.done === 1)).toBe(true);
    // The caption paragraph became the figure's caption, not a paragraph of its own.
    expect(documentText(result.draft.body)).not.toContain('(iChongqing/ Vivian Yan)');
  });

  it('keeps the bullet list in the Health Care section', () => {
    const health = body.findIndex((b) => b.sectorId === 'health-care');
    const list = body.findIndex((b) => b.type === 'list');
    expect(list).toBeGreaterThan(health);
    expect(body[list]!.listType).toBe('bullet');
    expect((body[list]!.children ?? []).map((item) => documentText({ root: { type: 'root', version: 1, children: [item] } }))).toEqual([
      'internet hospitals',
      'data sharing',
      'insurance coverage',
    ]);
  });

  it('ends with the contributor note as a block, and the body text intact', () => {
    expect(body.at(-1)).toMatchObject({ type: 'contributor-note', contributors: [{ personId: null, name: 'Peng Qin', role: 'intern' }] });
    expect(documentText(result.draft.body)).toContain('598 million yuan');
    expect(StoryDraft.safeParse(result.draft).success).toBe(true);
  });

  it('refuses a file that is not a .docx', async () => {
    const text = new TextEncoder().encode('This is plain text, not a Word file.');
    await expect(importDocx(text.buffer as ArrayBuffer)).rejects.toThrow(/not a Word document/);
  });

  it('refuses a damaged .docx with a message', async () => {
    const cut = fixture().slice(0, 2000);
    await expect(importDocx(cut)).rejects.toThrow(/could not be read/);
  });
});
