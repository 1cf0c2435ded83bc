// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { TEXT_FORMAT } from '../../../../shared/model/anatomy.ts';
import { documentText, type SerializedNode } from '../../../../shared/model/document.ts';
import { StoryDraft } from '../../../../shared/transfer/draft.ts';
import { importHtml, sanitizeImportHtml } from '../../../../renderer/import/html.ts';

/** Every node of a body, depth first. */
function walk(nodes: readonly SerializedNode[]): SerializedNode[] {
  return nodes.flatMap((node) => [node, ...walk(node.children ?? [])]);
}

const PAGE = `<!doctype html>
<html><head><title>Harbour plan passes</title><script>window.stolen = document.cookie</script><style>p{color:red}</style></head>
<body onload="window.pwned = 1">
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article>
    <h1>Harbour plan passes <img src="x" onerror="window.pwned = 2"></h1>
    <p class="byline">By VIVIAN YAN</p>
    <p>CHONGQING, Sept. 6 — The council <b>approved</b> the plan <i>on Tuesday</i>, <u>7-2</u>, after <s>years</s> months.</p>
    <p onclick="window.pwned = 3">Read <a href="javascript:alert(1)">the minutes</a>, <a href="https://example.com/report">the report</a> or <a href="mailto:desk@example.com">write to us</a>.</p>
    <h2>Health Care</h2>
    <p>Hospitals get new rules.</p>
    <h3>Clinics</h3>
    <ul><li>internet hospitals</li><li>data sharing<ul><li>cross-border</li></ul></li></ul>
    <ol><li>First</li><li>Second</li></ol>
    <blockquote><p>Opening up is a process.</p></blockquote>
    <figure><img src="https://example.com/night.jpg" alt="The city at night"><figcaption>Chongqing at <em>night</em>. (iChongqing/ Vivian Yan)</figcaption></figure>
    <img src="https://example.com/pixel.gif">
    <iframe src="https://evil.example"></iframe>
    <p>(Peng Qin, as an intern, also contributed to this report.)</p>
  </article>
  <footer>Licence number 50120220004</footer>
</body></html>`;

describe('importing HTML', () => {
  const { draft, report, images } = importHtml(PAGE);
  const body = draft.body.root.children;
  const nodes = walk(body);

  it('strips scripts, event handlers and javascript: links, and runs nothing', () => {
    const json = JSON.stringify(draft);
    expect(json).not.toMatch(/javascript:|onerror|onclick|onload|window\.pwned|stolen|color:red/);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    const links = nodes.filter((n) => n.type === 'link').map((n) => n.url);
    expect(links).toEqual(['https://example.com/report', 'mailto:desk@example.com']);
    // The unsafe link keeps its text.
    expect(documentText(draft.body)).toContain('Read the minutes, the report or write to us.');
    expect(report.dropped).toContainEqual({ text: '1 script', reason: 'script (never run)' });
  });

  it('keeps the structure: headline, byline, dateline, headings, lists, quote, figure, note', () => {
    expect(draft.headline).toBe('Harbour plan passes');
    expect(draft.byline).toEqual([{ personId: null, name: 'Vivian Yan', role: 'author' }]);
    expect(draft.dateline.place).toBe('Chongqing');
    expect(body.map((b) => (b.type === 'heading' ? `heading:${b.tag}` : b.type))).toEqual([
      'paragraph',
      'paragraph',
      'sector-heading',
      'paragraph',
      'heading:h3',
      'list',
      'list',
      'quote',
      'figure',
      'contributor-note',
    ]);
    expect(body[2]!.sectorId).toBe('health-care');
    expect(body[5]!.listType).toBe('bullet');
    expect(body[6]!.listType).toBe('number');
    // The nested list sits inside a list item, as Lexical keeps it.
    expect(walk([body[5]!]).filter((n) => n.type === 'list')).toHaveLength(2);
    expect(body[9]!.contributors).toEqual([{ personId: null, name: 'Peng Qin', role: 'intern' }]);
    expect(StoryDraft.safeParse(draft).success).toBe(true);
  });

  it('keeps inline formatting', () => {
    const formatOf = (text: string) => nodes.find((n) => n.text === text)?.format;
    expect(formatOf('approved')).toBe(TEXT_FORMAT.bold);
    expect(formatOf('on Tuesday')).toBe(TEXT_FORMAT.italic);
    expect(formatOf('7-2')).toBe(TEXT_FORMAT.underline);
    expect(formatOf('years')).toBe(TEXT_FORMAT.strikethrough);
  });

  it('splits the figure caption from its credit and keeps caption formatting; an image without a caption is dropped', () => {
    const figure = body.find((b) => b.type === 'figure')!;
    expect(figure.caption).toEqual([
      { text: 'Chongqing at ', format: 0 },
      { text: 'night', format: TEXT_FORMAT.italic },
      { text: '.', format: 0 },
    ]);
    expect(figure.credit).toBe('iChongqing/ Vivian Yan');
    expect(figure.alt).toBe('The city at night');
    expect(figure.media).toBeNull();
    expect(images).toEqual([{ blockId: (figure.$ as { blockId: string }).blockId, src: 'https://example.com/night.jpg', alt: 'The city at night' }]);
    expect(report.dropped.map((d) => d.reason)).toContain('image without caption');
  });

  it('drops the page around the article and lists it', () => {
    const text = documentText(draft.body);
    expect(text).not.toContain('Home');
    expect(text).not.toContain('Licence number');
    expect(report.dropped.map((d) => d.reason)).toEqual(expect.arrayContaining(['navigation', 'site footer']));
  });

  it('sanitizes into an inert document: no script, iframe or handler survives', () => {
    const doc = sanitizeImportHtml(PAGE);
    expect(doc.querySelector('script, iframe, style, nav')).toBeNull();
    expect(doc.body.innerHTML).not.toMatch(/onerror|onclick|javascript:/);
    expect(doc.defaultView).toBeNull();
  });

  it("reads Copydesk's own HTML export back: sections by sector id, block ids, dateline", () => {
    const exported = `<article lang="en"><header><h1>Pilot</h1><p class="byline">By VIVIAN YAN</p>
      <p class="dateline"><span class="dateline-place">Chongqing</span>, <time datetime="2021-09-06">Sept. 6, 2021</time></p></header>
      <section><p data-block-id="b0000000000000001">Lead.</p></section>
      <section data-sector="legal-protection"><h2 data-block-id="b0000000000000002">Legal Protection (renamed)</h2><p data-block-id="b0000000000000003">Courts.</p>
      <p class="contributor-note" data-block-id="b0000000000000004">(Peng Qin, as an intern, also contributed to this report.)</p></section></article>`;
    const { draft: back } = importHtml(exported);
    expect(back.headline).toBe('Pilot');
    expect(back.dateline).toEqual({ place: 'Chongqing', date: '2021-09-06' });
    const ids = back.body.root.children.map((b) => [b.type, (b.$ as { blockId: string }).blockId]);
    expect(ids).toEqual([
      ['paragraph', 'b0000000000000001'],
      ['sector-heading', 'b0000000000000002'],
      ['paragraph', 'b0000000000000003'],
      ['contributor-note', 'b0000000000000004'],
    ]);
    expect(back.body.root.children[1]!.sectorId).toBe('legal-protection');
  });

  it('gives duplicated block ids in the source fresh ones', () => {
    const { draft: dup } = importHtml('<h1>T</h1><p data-block-id="b0000000000000001">One.</p><p data-block-id="b0000000000000001">Two.</p>');
    const [a, b] = dup.body.root.children.map((x) => (x.$ as { blockId: string }).blockId);
    expect(a).toBe('b0000000000000001');
    expect(b).not.toBe(a);
  });
});
