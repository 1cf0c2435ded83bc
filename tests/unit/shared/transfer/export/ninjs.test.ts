import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CopydeskError } from '../../../../../shared/api/errors.ts';
import { countText } from '../../../../../shared/model/wordcount.ts';
import { buildNinjs, renderNinjs, toNinjs } from '../../../../../shared/transfer/export/ninjs.ts';
import { readCopydeskExtension } from '../../../../../shared/transfer/export/ninjsExtension.ts';
import { validateNinjs } from '../../../../../shared/transfer/export/ninjsSchema.ts';
import { SHA, anatomyStory, settings } from './anatomyStory.ts';

const STANDARDS = join(process.cwd(), '..', 'shared', 'standards', 'ninjs');
const readJson = (file: string) => JSON.parse(readFileSync(join(STANDARDS, file), 'utf8')) as unknown;

describe('ninjs validator setup', () => {
  it.each(['004_simple_text_article.json', '005_complex_text_article.json', '006_photo_only.json'])(
    "accepts IPTC's own example %s",
    (file) => {
      expect(validateNinjs(readJson(file))).toEqual({ ok: true });
    },
  );

  it('rejects what the schema forbids (no uri, unknown properties, a non-URI uri)', () => {
    const missing = validateNinjs({ type: 'text' });
    expect(missing.ok).toBe(false);
    const unknown = validateNinjs({ uri: 'urn:x:1', copydeskBlocks: [] });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems[0]!.message).toContain('copydeskBlocks');
    expect(validateNinjs({ uri: 'not a uri' }).ok).toBe(false);
  });

  it('uses the schema files exactly as IPTC publishes them', () => {
    for (const file of ['ninjs-schema_3.1.json', 'GeoJSON-schema.json']) {
      const copy = readFileSync(join(process.cwd(), 'shared', 'transfer', 'export', 'schema', file), 'utf8');
      expect(copy, file).toBe(readFileSync(join(STANDARDS, file), 'utf8'));
    }
  });
});

describe('ninjs export of an anatomy-rich story', () => {
  const story = anatomyStory();
  const ninjs = toNinjs(story, settings);

  it('passes the IPTC ninjs 3.1 schema', () => {
    expect(validateNinjs(ninjs)).toEqual({ ok: true });
    expect(validateNinjs(JSON.parse(renderNinjs(story, settings)))).toEqual({ ok: true });
  });

  it('identifies the story and its version', () => {
    expect(ninjs.uri).toBe(`urn:copydesk:story:${story.id}`);
    expect(ninjs.type).toBe('text');
    expect(ninjs.version).toBe('7');
    expect(ninjs.firstCreated).toBe('2021-09-05T08:00:00.000Z');
    expect(ninjs.versionCreated).toBe('2021-09-06T10:30:00.000Z');
    expect(ninjs.language).toBe('en');
  });

  it('carries headline, standfirst, dateline place and the HTML body', () => {
    expect(ninjs.headlines).toEqual([{ role: 'main', contentType: 'text/plain', value: story.headline }]);
    expect(ninjs.descriptions).toEqual([{ role: 'standfirst', contentType: 'text/plain', value: story.standfirst }]);
    expect(ninjs.located).toBe('Chongqing');
    const body = ninjs.bodies[0]!;
    expect(body.role).toBe('main');
    expect(body.contentType).toBe('text/html');
    expect(body.value).toContain('<section data-sector="health-care">');
    expect(body.value).toContain('<b>may now</b>');
    expect(body.value).toContain('<figure');
  });

  it('counts the words and characters of the body without figure captions', () => {
    const body = ninjs.bodies[0]!;
    const asRead = [
      'Chongqing was approved as a pilot city for expanding the opening-up of the service industry.',
      'Health Care',
      'Foreign-funded hospitals may now open in the city, officials said.',
      'Legal Protection',
      'Foreign law firms can set up joint operations.',
      'arbitration centres',
      'mediation services',
      'The rule of law is the best business environment.',
      'Science and Technology',
      'Labs and data',
      'Cross-border data flows will be piloted.',
      '(Peng Qin, as an intern, also contributed to this report. Translated by Li Wei.)',
    ];
    expect(body.wordCount).toBe(countText(asRead.join('\n'), 'en').words);
    expect(body.wordCount).toBe(76);
    expect(body.charCount).toBe([...asRead.join('')].length);
    expect(body.value).toContain('pilot cities');
    const withoutFigure = buildNinjs({ ...story, body: { root: { ...story.body.root, children: story.body.root.children.filter((b) => b.type !== 'figure') } } }, settings);
    expect(withoutFigure.bodies[0]!.wordCount).toBe(body.wordCount);
    expect(withoutFigure.bodies[0]!.charCount).toBe(body.charCount);
  });

  it('prints the byline in `by` and lists byline and contributor-note people with their roles', () => {
    expect(ninjs.by).toBe('By VIVIAN YAN · Photos by ZHANG HUA');
    expect(ninjs.people).toEqual([
      { name: 'Vivian Yan', rel: 'author', uri: 'urn:copydesk:person:01JBCDEFGHJKMNPQRSTVWXYZ34' },
      { name: 'Zhang Hua', rel: 'photographer' },
      { name: 'Peng Qin', rel: 'contributor' },
      { name: 'Li Wei', rel: 'translator' },
    ]);
  });

  it('turns sectors into subjects with their IPTC Media Topic URIs, in story order', () => {
    expect(ninjs.subjects).toEqual([
      { name: 'Health Care', rel: 'about', uri: 'http://cv.iptc.org/newscodes/mediatopic/07000000', literal: 'copydesk:sector:health-care' },
      { name: 'Legal Protection', rel: 'about', uri: 'http://cv.iptc.org/newscodes/mediatopic/02000000', literal: 'copydesk:sector:legal-protection' },
      {
        name: 'Science and Technology',
        rel: 'about',
        uri: 'http://cv.iptc.org/newscodes/mediatopic/13000000',
        literal: 'copydesk:sector:science-and-technology',
      },
    ]);
  });

  it('turns the figure into a picture association with caption, credit and creator', () => {
    expect(ninjs.associations).toHaveLength(1);
    const picture = ninjs.associations![0]!;
    expect(picture).toMatchObject({ name: 'figure-1', type: 'picture', uri: `urn:copydesk:media:${SHA}`, by: 'iChongqing/ Vivian Yan' });
    expect(picture.people).toEqual([{ name: 'Vivian Yan', rel: 'creator' }]);
    expect(picture.descriptions).toContainEqual({
      role: 'caption',
      contentType: 'text/plain',
      value: "A night view of Chongqing, one of China's pilot cities",
    });
    expect(picture.descriptions).toContainEqual({
      role: 'caption',
      contentType: 'text/html',
      value: "A night view of <b>Chongqing</b><i>, one of China&#39;s pilot cities</i>",
    });
    expect(picture.descriptions).toContainEqual({ role: 'alt', contentType: 'text/plain', value: 'Chongqing skyline at night over the Yangtze' });
    expect(picture.renditions).toEqual([{ name: 'original', contentType: 'image/jpeg', width: 1200, height: 800 }]);
    expect(ninjs.bodies[0]!.value).toContain('data-association="figure-1"');
  });

  it('keeps block ids, caption runs and the dateline date in the Copydesk extension', () => {
    const read = readCopydeskExtension(ninjs);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.extension.body).toEqual(story.body);
    expect(read.extension.dateline).toEqual({ place: 'Chongqing-', date: '2021-09-06' });
    expect(read.extension.byline).toEqual(story.byline);
  });

  it('does not trust the extension once the HTML body was edited elsewhere', () => {
    const edited = { ...ninjs, bodies: [{ ...ninjs.bodies[0]!, value: ninjs.bodies[0]!.value.replace('Foreign law', 'Domestic law') }] };
    expect(readCopydeskExtension(edited)).toEqual({ ok: false, reason: 'body-changed' });
    expect(readCopydeskExtension({ altIds: [{ role: 'copydesk:story+json', value: '{' }] })).toEqual({ ok: false, reason: 'malformed' });
    expect(readCopydeskExtension({})).toEqual({ ok: false, reason: 'absent' });
  });

  it('leaves out what the story does not have and still validates', () => {
    const bare = toNinjs(
      { ...story, standfirst: '', byline: [], dateline: { place: '', date: null }, body: { root: { type: 'root', version: 1, children: [] } } },
      settings,
    );
    expect(bare.descriptions).toBeUndefined();
    expect(bare.by).toBeUndefined();
    expect(bare.located).toBeUndefined();
    expect(bare.people).toBeUndefined();
    expect(bare.subjects).toBeUndefined();
    expect(bare.associations).toBeUndefined();
    expect(bare.bodies[0]!.wordCount).toBe(0);
  });

  it('refuses an export that would not validate, naming the first problems', () => {
    const broken = { ...settings, sectors: settings.sectors.map((s) => (s.id === 'health-care' ? { ...s, mediaTopicUri: 'not a uri' } : s)) };
    let thrown: unknown;
    try {
      toNinjs(story, broken);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CopydeskError);
    expect((thrown as CopydeskError).code).toBe('VALIDATION');
    expect((thrown as CopydeskError).message).toContain('/subjects/0/uri must match format "uri"');
  });
});

describe('ninjs export of a corrected story', () => {
  const story = anatomyStory();
  const correction = { note: 'An earlier version gave the wrong date for the <b>hearing</b>.', at: '2021-09-07T15:20:00.000Z' };
  const plain = toNinjs(story, settings);
  const corrected = toNinjs({ ...story, correction }, settings);

  it('still passes the IPTC ninjs 3.1 schema', () => {
    expect(validateNinjs(corrected)).toEqual({ ok: true });
    expect(validateNinjs(JSON.parse(renderNinjs({ ...story, correction }, settings)))).toEqual({ ok: true });
  });

  it('carries the note as two "correction" bodies beside the unchanged main body', () => {
    expect(corrected.bodies.map((b) => `${b.role} ${b.contentType}`)).toEqual(['main text/html', 'correction text/plain', 'correction text/html']);
    expect(corrected.bodies[0]).toEqual(plain.bodies[0]);
    expect(corrected.bodies[1]!.value).toBe(correction.note);
    expect(corrected.bodies[2]!.value).toBe(
      '<aside class="correction" role="note" aria-label="Correction"><p><strong>Correction</strong> (<time datetime="2021-09-07T15:20:00.000Z">Sep 7, 2021</time>): An earlier version gave the wrong date for the &lt;b&gt;hearing&lt;/b&gt;.</p></aside>',
    );
    // Not an editorial note (that is "not intended to be published"), and the extension still matches the body.
    expect(corrected).not.toHaveProperty('edNote');
    expect(readCopydeskExtension(corrected).ok).toBe(true);
  });

  it('has no correction body when the story has none', () => {
    expect(plain.bodies.map((b) => b.role)).toEqual(['main']);
    expect(JSON.stringify(plain)).not.toContain('correction');
  });
});

