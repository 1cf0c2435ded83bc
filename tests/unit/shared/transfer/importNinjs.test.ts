import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptionRun } from '../../../../shared/model/anatomy.ts';
import { documentText } from '../../../../shared/model/document.ts';
import { StoryDraft } from '../../../../shared/transfer/draft.ts';
import { validateNinjs } from '../../../../shared/transfer/export/ninjsSchema.ts';
import { ImportError, importNinjs, type NinjsIssue } from '../../../../shared/transfer/importNinjs.ts';
import { importWebText } from '../../../../shared/transfer/importWebText.ts';
import { openTestBackend } from '../../../support/backend.ts';
import { doc, paragraph } from '../../../support/documents.ts';

const standard = (name: string) => readFileSync(join(process.cwd(), '..', 'shared', 'standards', 'ninjs', name), 'utf8');

/** The schema check as the backend runs it (ajv, Node side). */
const validate = (document: unknown): NinjsIssue[] => {
  const checked = validateNinjs(document);
  return checked.ok ? [] : checked.problems.map((p) => ({ path: p.path === '(root)' ? '' : p.path, message: p.message }));
};
/** HTML bodies parsed by jsdom (the renderer uses DOMParser after DOMPurify). */
const parseHtml = (html: string) => new JSDOM(`<!doctype html><body>${html}</body>`).window.document.body;
const options = { validate, parseHtml };

describe("IPTC's ninjs examples", () => {
  it('004 simple text article: headline, two authors, dateline, the rich-text body as paragraphs', async () => {
    const { draft, report } = await importNinjs(standard('004_simple_text_article.json'), options);
    expect(draft.headline).toBe('Captain of wrecked cruise ship on trial in Italy');
    expect(draft.byline).toEqual([
      { personId: null, name: 'Paulo Santalucia', role: 'author' },
      { personId: null, name: "Frances d'Emilio", role: 'author' },
    ]);
    // The body opens "GROSSETO, Italy (AP) -- …": that is the dateline, dated from versionCreated.
    expect(draft.dateline).toEqual({ place: 'Grosseto, Italy', date: '2013-07-09' });
    const body = draft.body.root.children;
    expect(body.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    const text = documentText(draft.body);
    expect(text.startsWith('The trial of the captain of the shipwrecked Costa Concordia')).toBe(true);
    expect(text).toContain('Schettino has denied wrongdoing.');
    expect(report.found).toEqual(['Headline', 'Byline: Paulo Santalucia', "Byline: Frances d'Emilio", 'Dateline: Grosseto, Italy, 2013-07-09', 'Body: 4 paragraphs']);
    expect(StoryDraft.safeParse(draft).success).toBe(true);
  });

  it('005 complex text article: language and `located` are used', async () => {
    const { draft, report } = await importNinjs(standard('005_complex_text_article.json'), options);
    expect(draft.language).toBe('en');
    expect(draft.dateline).toEqual({ place: 'Grossetto, Italy', date: '2013-07-09' });
    expect(draft.byline.map((b) => b.name)).toEqual(['Paulo Santalucia', "Frances d'Emilio"]);
    expect(draft.body.root.children).toHaveLength(4);
    expect(report.found).toContain('Language: en');
    expect(StoryDraft.safeParse(draft).success).toBe(true);
  });

  it('005 without an HTML parser reads the plain-text body', async () => {
    const { draft } = await importNinjs(standard('005_complex_text_article.json'), { validate });
    expect(documentText(draft.body)).toContain('Schettino has denied wrongdoing.');
  });

  it('006 photo only: one figure with its caption, the photographer credited', async () => {
    const { draft, report } = await importNinjs(standard('006_photo_only.json'), options);
    expect(draft.headline).toBe('Costa Concordia cruise ship');
    expect(draft.byline).toEqual([{ personId: null, name: 'Paulo Santalucia', role: 'photographer' }]);
    const [figure, ...rest] = draft.body.root.children;
    expect(rest).toEqual([]);
    expect(figure!.type).toBe('figure');
    expect(figure!.media).toBeNull();
    expect((figure!.caption as CaptionRun[])[0]!.text).toMatch(/^The Costa Concordia cruise ship lies on its side/);
    expect(figure!.credit).toBe('Paulo Santalucia');
    expect(report.notes.join(' ')).toMatch(/no photo yet/);
    expect(StoryDraft.safeParse(draft).success).toBe(true);
  });
});

describe('refusing what is not ninjs 3.x', () => {
  const refusal = async (text: string) => {
    try {
      await importNinjs(text, options);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      return error as ImportError;
    }
    throw new Error('the import should have been refused');
  };

  it('refuses text that is not JSON', async () => {
    const error = await refusal('{"uri": "x", "headlines": [');
    expect(error.message).toMatch(/^This file is not valid JSON/);
  });

  it('refuses JSON that is not one object', async () => {
    expect((await refusal('[1, 2, 3]')).message).toMatch(/one JSON object/);
  });

  it('refuses a document that breaks the schema, naming where', async () => {
    const error = await refusal(JSON.stringify({ uri: 42, headlines: [{ role: 'main' }], language: 7 }));
    expect(error.message).toMatch(/^This file is not valid IPTC ninjs 3\.1/);
    expect(error.message).toContain('/uri must be string');
    expect(error.message).toContain("/headlines/0 must have required property 'value'");
    expect(error.message).toContain('/language must be string');
  });

  it('refuses ninjs 1.x/2.x fields that 3.1 does not have', async () => {
    const error = await refusal(JSON.stringify({ uri: 'urn:x', headline: 'Old style', body_html: '<p>x</p>' }));
    expect(error.issues.join(' ')).toMatch(/headline|body_html/);
  });

  it('refuses a document without the required uri', async () => {
    const error = await refusal(JSON.stringify({ headlines: [{ role: 'main', value: 'No uri' }] }));
    expect(error.message).toContain("must have required property 'uri'");
  });
});

describe('ninjs anatomy', () => {
  it('maps subjects to sectors by Media Topic URI and reads sector headings, figures and the note from HTML', async () => {
    const item = {
      uri: 'urn:example:1',
      type: 'text',
      language: 'en',
      by: 'By VIVIAN YAN',
      located: 'Chongqing',
      versionCreated: '2021-09-06T08:00:00Z',
      headlines: [{ role: 'main', value: 'Pilot widens' }],
      subjects: [
        { name: 'health', uri: 'http://cv.iptc.org/newscodes/mediatopic/07000000' },
        { name: 'Finance', uri: 'http://cv.iptc.org/newscodes/mediatopic/20000344' },
        { name: 'weather' },
      ],
      bodies: [
        {
          role: 'main',
          contentType: 'text/html',
          value:
            '<p>Opening.</p><h2>Health Care</h2><p>Hospitals.</p>' +
            '<figure><img src="https://example.com/a.jpg" alt="Night"><figcaption>Chongqing at night. <span class="credit">(iChongqing/ Vivian Yan)</span></figcaption></figure>' +
            '<p>(Peng Qin, as an intern, also contributed to this report.)</p>',
        },
      ],
    };
    const { draft, report } = await importNinjs(JSON.stringify(item), options);
    expect(draft.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    expect(draft.dateline).toEqual({ place: 'Chongqing', date: '2021-09-06' });
    const body = draft.body.root.children;
    expect(body.map((b) => b.type)).toEqual(['paragraph', 'sector-heading', 'paragraph', 'figure', 'contributor-note']);
    expect(body[1]!.sectorId).toBe('health-care');
    expect(body[3]).toMatchObject({ caption: [{ text: 'Chongqing at night.', format: 0 }], credit: 'iChongqing/ Vivian Yan', media: null });
    expect(body[4]!.contributors).toEqual([{ personId: null, name: 'Peng Qin', role: 'intern' }]);
    expect(report.found).toContain('Subject: Health Care (sector)');
    expect(report.found).toContain('Subject: Finance (sector)');
    expect(report.found.join(' ')).not.toContain('weather');
    expect(report.notes.join(' ')).toMatch(/sector Finance, but no heading/);
  });
});

describe("Copydesk's own ninjs export", () => {
  const t = openTestBackend();
  afterAll(() => t.close());

  it('imports back as the same story: header, block ids, figures and note', async () => {
    const { draft } = importWebText(readFileSync(join(process.cwd(), '..', 'shared', 'fixtures', 'articles', 'chongqing-service-pilot.web.txt'), 'utf8'));
    const story = t.ok('stories.import', draft);
    const exported = t.ok('stories.export', { id: story.id, format: 'ninjs' });
    const back = await importNinjs(exported.data, options);
    expect(back.draft.headline).toBe(story.headline);
    expect(back.draft.byline).toEqual(story.byline);
    expect(back.draft.dateline).toEqual(story.dateline);
    expect(back.draft.language).toBe(story.language);
    expect(back.draft.body).toEqual(story.body);
    expect(back.report.found).toContain('Sector heading: Health Care');
    expect(back.report.found).toContain('Contributor note: Peng Qin (intern)');
  });
});

describe('a correction note in ninjs', () => {
  const base = JSON.parse(standard('004_simple_text_article.json')) as { bodies: Array<Record<string, unknown>> };

  it("is named in the report, not put into the body, from Copydesk's own export", async () => {
    const t = openTestBackend();
    try {
      const story = t.ok('stories.create', { headline: 'Flood defences hold' });
      t.ok('stories.save', { id: story.id, headline: 'Flood defences hold', standfirst: '', body: doc(paragraph('The wall held overnight.')) });
      for (const action of ['submit', 'claim', 'approve', 'publish'] as const) t.ok('workflow.transition', { storyId: story.id, action });
      t.ok('workflow.transition', { storyId: story.id, action: 'unpublish', note: 'An earlier version misnamed the engineer.' });
      const exported = t.ok('stories.export', { id: story.id, format: 'ninjs' });
      const back = await importNinjs(exported.data, options);
      expect(back.report.notes).toContain(
        "The item's correction note was not imported (an imported story starts as a draft; an editor writes a correction note when taking a published story down): “An earlier version misnamed the engineer.”",
      );
      expect(documentText(back.draft.body)).toBe('The wall held overnight.');
    } finally {
      t.close();
    }
  });

  it('is not read as the body when the body is read from the standard fields', async () => {
    // A correction body first: the story's own HTML body is still the one read.
    const item = {
      ...base,
      bodies: [
        { role: 'correction', contentType: 'text/html', value: '<aside><p><strong>Correction</strong> (<time>Jul 9</time>): The trial date was wrong &amp; fixed.</p></aside>' },
        ...base.bodies,
      ],
    };
    expect(validate(item)).toEqual([]);
    const { draft, report } = await importNinjs(JSON.stringify(item), options);
    expect(documentText(draft.body)).not.toContain('trial date was wrong');
    expect(documentText(draft.body)).toContain('Schettino has denied wrongdoing.');
    expect(report.notes).toContainEqual(expect.stringContaining('“The trial date was wrong & fixed.”'));
  });

  it('leaves no note for an item without one', async () => {
    const { report } = await importNinjs(JSON.stringify(base), options);
    expect(report.notes.join(' ')).not.toContain('correction');
  });
});

