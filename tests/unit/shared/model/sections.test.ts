import { describe, expect, it } from 'vitest';
import type { SerializedNode } from '../../../../shared/model/document.ts';
import { sectionsOf, storySectors } from '../../../../shared/model/sections.ts';
import { doc, heading, list, listItem, paragraph } from '../../../support/documents.ts';

const sector = (sectorId: string): SerializedNode => ({ type: 'sector-heading', version: 1, sectorId });
const figure = (): SerializedNode => ({ type: 'figure', version: 1, media: null, alt: '', caption: [{ text: 'Night view', format: 0 }], credit: 'iChongqing', creator: '' });

describe('storySectors', () => {
  it('lists the sectors of a story in order, each once', () => {
    const body = doc(paragraph('Lead.'), sector('health-care'), paragraph('a'), sector('legal-protection'), sector('health-care'), paragraph('b'));
    expect(storySectors(body)).toEqual(['health-care', 'legal-protection']);
  });

  it('is empty for a story without sector headings (an ordinary H2 is not a sector)', () => {
    expect(storySectors(doc(paragraph('Lead.'), heading('h2', 'Health Care'), paragraph('Text.')))).toEqual([]);
  });
});

describe('sectionsOf', () => {
  it('splits at sector headings: the opening, then each section up to the next heading', () => {
    const body = doc(
      paragraph('Chongqing was chosen.'),
      paragraph('It is a pilot.'),
      sector('health-care'),
      paragraph('Hospitals may open.'),
      list('bullet', listItem(1, 'Clinics'), listItem(2, 'Telemedicine')),
      sector('legal-protection'),
      paragraph('Lawyers may practise.'),
    );
    expect(sectionsOf(body)).toEqual([
      { sectorId: null, blockIndexes: [0, 1], text: 'Chongqing was chosen.\nIt is a pilot.' },
      { sectorId: 'health-care', blockIndexes: [2, 3, 4], text: 'Hospitals may open.\nClinics\nTelemedicine' },
      { sectorId: 'legal-protection', blockIndexes: [5, 6], text: 'Lawyers may practise.' },
    ]);
  });

  it('always starts with the opening, empty when the story starts with a heading', () => {
    const sections = sectionsOf(doc(sector('data'), paragraph('Numbers.')));
    expect(sections[0]).toEqual({ sectorId: null, blockIndexes: [], text: '' });
    expect(sections[1]).toEqual({ sectorId: 'data', blockIndexes: [0, 1], text: 'Numbers.' });
  });

  it('gives two headings in a row an empty section each, and covers every block exactly once', () => {
    const body = doc(paragraph('Lead.'), sector('data'), sector('finance'), figure(), paragraph('Money.'));
    const sections = sectionsOf(body);
    expect(sections.map((s) => s.sectorId)).toEqual([null, 'data', 'finance']);
    expect(sections[1]!.text).toBe('');
    expect(sections.flatMap((s) => s.blockIndexes)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps a heading whose sector is repeated as its own section', () => {
    expect(sectionsOf(doc(sector('data'), paragraph('a'), sector('data'), paragraph('b'))).map((s) => [s.sectorId, s.text])).toEqual([
      [null, ''],
      ['data', 'a'],
      ['data', 'b'],
    ]);
  });
});
