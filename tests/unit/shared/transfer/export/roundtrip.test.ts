// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { importNinjs } from '../../../../../shared/transfer/importNinjs.ts';
import { renderNinjs } from '../../../../../shared/transfer/export/ninjs.ts';
import { validateNinjs } from '../../../../../shared/transfer/export/ninjsSchema.ts';
import { anatomyStory, settings } from './anatomyStory.ts';

const validate = (document: unknown) => {
  const checked = validateNinjs(document);
  return checked.ok ? [] : checked.problems;
};
const parseHtml = (html: string) => new DOMParser().parseFromString(html, 'text/html').body;

describe('ninjs export → import', () => {
  const story = anatomyStory();

  it("gives back the same story from Copydesk's own export", async () => {
    const { draft } = await importNinjs(renderNinjs(story, settings), { validate, parseHtml, sectors: settings.sectors });
    expect(draft.headline).toBe(story.headline);
    expect(draft.standfirst).toBe(story.standfirst);
    expect(draft.language).toBe(story.language);
    expect(draft.dateline).toEqual(story.dateline);
    expect(draft.byline).toEqual(story.byline);
    // Every block, with its block id, sector, caption runs and credit, exactly.
    expect(draft.body).toEqual(story.body);
    const ids = draft.body.root.children.map((block) => (block.$ as { blockId: string }).blockId);
    expect(new Set(ids).size).toBe(story.body.root.children.length);
  });

  it('still finds headline, sections and the credited figure when the body was edited elsewhere', async () => {
    const ninjs = JSON.parse(renderNinjs(story, settings)) as { bodies: Array<{ value: string }> };
    ninjs.bodies[0]!.value = ninjs.bodies[0]!.value.replace('Foreign law firms', 'Overseas law firms');
    const { draft, report } = await importNinjs(JSON.stringify(ninjs), { validate, parseHtml, sectors: settings.sectors });
    expect(draft.headline).toBe(story.headline);
    const types = draft.body.root.children.map((block) => (block.type === 'sector-heading' ? `sector:${String(block.sectorId)}` : block.type));
    expect(types.filter((t) => t.startsWith('sector:'))).toEqual(['sector:health-care', 'sector:legal-protection', 'sector:science-and-technology']);
    const figure = draft.body.root.children.find((block) => block.type === 'figure')!;
    expect(figure.credit).toBe('iChongqing/ Vivian Yan');
    expect(JSON.stringify(draft.body)).toContain('Overseas law firms');
    expect(report.notes.join(' ')).toContain('changed elsewhere');
  });
});
