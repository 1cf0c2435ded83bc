import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SerializedNode } from '../../../../shared/model/document.ts';
import { validateNinjs } from '../../../../shared/transfer/export/ninjsSchema.ts';
import { openTestBackend, type TestBackend } from '../../../support/backend.ts';
import { anatomyStory, figure } from '../../shared/transfer/export/anatomyStory.ts';

const IMAGE = join(process.cwd(), '..', 'shared', 'fixtures', 'images', 'chongqing-night-iptc.jpg');

/** The files of a zip archive, read from its central directory (independently of the writer). */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'end of central directory').toBeGreaterThan(0);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

describe('stories.export', () => {
  let t: TestBackend;
  let id: string;
  let sha256: string;

  beforeEach(async () => {
    t = openTestBackend();
    const { media } = await t.okAsync('media.import', {
      fileName: 'chongqing-night-iptc.jpg',
      dataBase64: readFileSync(IMAGE).toString('base64'),
    });
    sha256 = media.sha256;
    const story = anatomyStory();
    const body = {
      root: {
        ...story.body.root,
        children: story.body.root.children.map((block: SerializedNode) =>
          block.type === 'figure' ? { ...figure(), media } : block,
        ),
      },
    };
    id = t.ok('stories.create', { headline: story.headline }).id;
    t.ok('stories.save', {
      id,
      headline: story.headline,
      standfirst: story.standfirst,
      body,
      dateline: story.dateline,
      byline: [...story.byline],
    });
  });
  afterEach(() => t.close());

  const exportAs = (format: 'ninjs' | 'html' | 'markdown') => t.ok('stories.export', { id, format });
  // The docx package only packs a document asynchronously, so DOCX is answered through `call`.
  const exportDocx = () => t.okAsync('stories.export', { id, format: 'docx' });

  it('exports ninjs that passes the IPTC 3.1 schema, named after the headline', () => {
    const file = exportAs('ninjs');
    expect(file).toMatchObject({ fileName: 'why-chongqings-piloting-in-western-chinas-service-industry.json', mime: 'application/json', encoding: 'utf8' });
    const ninjs = JSON.parse(file.data) as Record<string, unknown>;
    expect(validateNinjs(ninjs)).toEqual({ ok: true });
    expect(ninjs.uri).toBe(`urn:copydesk:story:${id}`);
    expect(ninjs.by).toBe('By VIVIAN YAN · Photos by ZHANG HUA');
    expect(ninjs.located).toBe('Chongqing');
    expect(ninjs.associations).toMatchObject([{ type: 'picture', uri: `urn:copydesk:media:${sha256}`, by: 'iChongqing/ Vivian Yan' }]);
  });

  it('exports HTML and Markdown of the saved story', () => {
    const html = exportAs('html');
    expect(html).toMatchObject({ mime: 'text/html', encoding: 'utf8', notes: [] });
    // One self-contained page: the picture itself is inside it.
    expect(html.data).toContain(`src="data:image/jpeg;base64,${readFileSync(IMAGE).toString('base64')}"`);
    expect(html.fileName).toMatch(/\.html$/);
    expect(html.data).toContain('<section data-sector="health-care">');
    expect(html.data).toContain('<p class="byline">By VIVIAN YAN · Photos by ZHANG HUA</p>');
    const md = exportAs('markdown');
    expect(md).toMatchObject({ mime: 'text/markdown', encoding: 'utf8' });
    expect(md.data.startsWith("# Why Chongqing's Piloting in Western China's Service Industry?\n")).toBe(true);
    expect(md.data).toContain(`![Chongqing skyline at night over the Yangtze](media/${sha256}.jpg)`);
  });

  it('uses the publication settings: a renamed sector prints with its new label', () => {
    const settings = t.ok('settings.get', {});
    t.ok('settings.update', { sectors: settings.sectors.map((s) => (s.id === 'health-care' ? { ...s, label: 'Healthcare' } : s)) });
    expect(exportAs('markdown').data).toContain('\n## Healthcare\n');
  });

  it('exports a Word document with the headline, sector headings and the picture itself', async () => {
    const file = await exportDocx();
    expect(file).toMatchObject({ encoding: 'base64', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', notes: [] });
    expect(file.fileName).toMatch(/\.docx$/);
    const bytes = Buffer.from(file.data, 'base64');
    const files = unzip(bytes);
    const documentXml = files.get('word/document.xml')!.toString('utf8');
    expect(documentXml).toContain('Why Chongqing');
    expect(documentXml).toContain('Health Care');
    const media = [...files.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(files.get(media[0]!)!.equals(readFileSync(IMAGE))).toBe(true);

    // Word's own reading of it, through mammoth (what the DOCX importer uses).
    const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
    expect(html).toContain('<h2>Health Care</h2>');
    expect(html).toContain('<h2>Legal Protection</h2>');
    expect(html).toContain('<strong>may now</strong>');
    expect(html).toContain('<a href="https://example.com/health">officials said</a>');
    expect(html).toContain('<li>arbitration centres</li>');
    expect(html).toMatch(/<img [^>]*src="data:image\/jpeg;base64,/);
    expect(html).toContain("A night view of <strong>Chongqing</strong><em>, one of China's pilot cities</em> (iChongqing/ Vivian Yan)");
    expect(html).toContain('(Peng Qin, as an intern, also contributed to this report. Translated by Li Wei.)');
  });

  it('says so when a picture is not on this computer, and still exports its caption', async () => {
    const { rmSync } = await import('node:fs');
    const { mediaFilePath } = await import('../../../../main/backend/media/files.ts');
    rmSync(mediaFilePath(t.dataDir, sha256));
    const file = await exportDocx();
    expect(file.notes).toEqual([expect.stringContaining('One picture is not in the document')]);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(file.data, 'base64') });
    expect(text).toContain('(iChongqing/ Vivian Yan)');
    const html = exportAs('html');
    expect(html.notes).toEqual([expect.stringContaining('One picture is not inside the page')]);
    expect(html.data).toContain(`<img src="media/${sha256}.jpg"`);
  });

  it('refuses an unknown story with NOT_FOUND and an unknown format with VALIDATION', () => {
    expect(t.fails('stories.export', { id: '01JBCDEFGHJKMNPQRSTVWXYZ99', format: 'html' }).code).toBe('NOT_FOUND');
    expect(t.fails('stories.export', { id, format: 'pdf' }).code).toBe('VALIDATION');
  });

  describe('of a story corrected after publication', () => {
    const NOTE = 'An earlier version said the hospitals opened in <2020> & named the wrong minister.';
    beforeEach(() => {
      for (const action of ['submit', 'claim', 'approve', 'publish'] as const) t.ok('workflow.transition', { storyId: id, action });
      t.ok('workflow.transition', { storyId: id, action: 'unpublish', note: NOTE });
    });
    // The day as this machine's time zone has it (the export dates the note in the workstation's zone).
    const day = () => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(t.ok('workflow.timeline', { storyId: id }).state.correction!.at));

    it('prints the correction note first in HTML and Markdown', () => {
      const html = exportAs('html').data;
      expect(html).toContain(
        `<article lang="en">\n<aside class="correction" role="note" aria-label="Correction"><p><strong>Correction</strong> (<time datetime="`,
      );
      expect(html).toContain(`>${day()}</time>): An earlier version said the hospitals opened in &lt;2020&gt; &amp; named the wrong minister.</p></aside>\n<header>`);
      const md = exportAs('markdown').data;
      expect(md.startsWith(`> **Correction (${day()}):** An earlier version said the hospitals opened in \\<2020\\> & named the wrong minister.\n\n# Why Chongqing`)).toBe(true);
    });

    it('carries it in ninjs as "correction" bodies, and the file still validates', () => {
      const ninjs = JSON.parse(exportAs('ninjs').data) as { bodies: Array<{ role: string; contentType: string; value: string }> };
      expect(validateNinjs(ninjs)).toEqual({ ok: true });
      expect(ninjs.bodies.filter((b) => b.role === 'correction').map((b) => b.contentType)).toEqual(['text/plain', 'text/html']);
      expect(ninjs.bodies.find((b) => b.role === 'correction')!.value).toBe(NOTE);
    });

    it('puts it in the Word document as its first paragraph', async () => {
      const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from((await exportDocx()).data, 'base64') });
      expect(text.startsWith(`Correction (${day()}): ${NOTE}\n\nWhy Chongqing`)).toBe(true);
    });

    it('keeps it when the corrected story is published again', () => {
      t.ok('workflow.transition', { storyId: id, action: 'publish' });
      expect(exportAs('markdown').data.startsWith('> **Correction (')).toBe(true);
    });
  });

  it('has no correction in any format for a story never corrected', async () => {
    // (The page's style sheet names the class; no element has it.)
    expect(exportAs('html').data).not.toContain('<aside');
    expect(exportAs('markdown').data).not.toContain('Correction');
    expect(exportAs('ninjs').data).not.toContain('correction');
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from((await exportDocx()).data, 'base64') });
    expect(text).not.toContain('Correction');
    expect(text.startsWith('Why Chongqing')).toBe(true);
  });
});

