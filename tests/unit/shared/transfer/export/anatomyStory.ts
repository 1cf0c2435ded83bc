import type { SerializedNode } from '../../../../../shared/model/document.ts';
import { DEFAULT_PUBLICATION_SETTINGS } from '../../../../../shared/model/publication.ts';
import type { ExportSettings, ExportStory } from '../../../../../shared/transfer/export/story.ts';
import { doc, heading, link, list, listItem, paragraph, quote, text } from '../../../../support/documents.ts';

/** A story with every part of the anatomy, modelled on the Chongqing fixture. */

export const SHA = 'a'.repeat(63) + 'b';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let counter = 0;
/** Block ids `b` + 16 base-32 characters (the anatomy's alphabet), distinct and stable per test run. */
export function blockId(): string {
  counter += 1;
  let id = '';
  for (let n = counter; id.length < 16; n = Math.floor(n / 32)) id = ALPHABET[n % 32]! + id;
  return `b${id}`;
}

function withId<T extends SerializedNode>(block: T, id = blockId()): T {
  return { ...block, $: { blockId: id } };
}

export function sectorHeading(sectorId: string): SerializedNode {
  return withId({ type: 'sector-heading', version: 1, sectorId });
}

export function figure(overrides: Partial<SerializedNode> = {}): SerializedNode {
  return withId({
    type: 'figure',
    version: 1,
    media: { sha256: SHA, mime: 'image/jpeg', width: 1200, height: 800 },
    alt: 'Chongqing skyline at night over the Yangtze',
    caption: [
      { text: 'A night view of ', format: 0 },
      { text: 'Chongqing', format: 1 },
      { text: ", one of China's pilot cities", format: 2 },
    ],
    credit: 'iChongqing/ Vivian Yan',
    creator: 'Vivian Yan',
    ...overrides,
  });
}

export function contributorNote(): SerializedNode {
  return withId({
    type: 'contributor-note',
    version: 1,
    contributors: [
      { personId: null, name: 'Peng Qin', role: 'intern' },
      { personId: null, name: 'Li Wei', role: 'translation' },
    ],
  });
}

export function anatomyStory(): ExportStory {
  return {
    id: '01JBCDEFGHJKMNPQRSTVWXYZ12',
    headline: "Why Chongqing's Piloting in Western China's Service Industry?",
    standfirst: 'The city opens hospitals, courts and labs to foreign investment.',
    language: 'en',
    dateline: { place: 'Chongqing-', date: '2021-09-06' },
    byline: [
      { personId: '01JBCDEFGHJKMNPQRSTVWXYZ34', name: 'Vivian Yan', role: 'author' },
      { personId: null, name: 'Zhang Hua', role: 'photographer' },
    ],
    revision: 7,
    createdAt: '2021-09-05T08:00:00.000Z',
    updatedAt: '2021-09-06T10:30:00.000Z',
    body: doc(
      withId(paragraph('Chongqing was approved as a pilot city for expanding the opening-up of the service industry.')),
      sectorHeading('health-care'),
      withId(paragraph('Foreign-funded hospitals ', text('may now', 1), ' open in the city, ', link('https://example.com/health', 'officials said'), '.')),
      figure(),
      sectorHeading('legal-protection'),
      withId(paragraph('Foreign law firms can set up joint operations.')),
      withId(list('bullet', listItem(1, 'arbitration centres'), listItem(2, 'mediation services'))),
      withId(quote('The rule of law is the best business environment.')),
      sectorHeading('science-and-technology'),
      withId(heading('h3', 'Labs and data')),
      withId(paragraph('Cross-border data flows will be piloted.')),
      contributorNote(),
    ),
  };
}

export const settings: ExportSettings = DEFAULT_PUBLICATION_SETTINGS;
