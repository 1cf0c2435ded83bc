import { describe, expect, it } from 'vitest';
import { formatByline, formatContributorNote, joinNames } from '../../../../shared/model/credits.ts';

describe('credits as printed', () => {
  it('joins names the newsroom way', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Peng Qin'])).toBe('Peng Qin');
    expect(joinNames(['Peng Qin', 'Li Wei'])).toBe('Peng Qin and Li Wei');
    expect(joinNames(['Peng Qin', 'Li Wei', 'Zhang Min'])).toBe('Peng Qin, Li Wei and Zhang Min');
  });

  it('prints the byline as the publication does: "By VIVIAN YAN"', () => {
    expect(formatByline([{ personId: null, name: 'Vivian Yan', role: 'author' }])).toBe('By VIVIAN YAN');
    expect(
      formatByline([
        { personId: null, name: 'Vivian Yan', role: 'author' },
        { personId: null, name: 'Tan Yue', role: 'author' },
        { personId: null, name: 'Li Wei', role: 'photographer' },
      ]),
    ).toBe('By VIVIAN YAN and TAN YUE · Photos by LI WEI');
    expect(formatByline([{ personId: null, name: 'Vivian Yan', role: 'author' }], { prefix: 'Reported by', uppercaseNames: false })).toBe(
      'Reported by Vivian Yan',
    );
    expect(formatByline([])).toBe('');
  });

  it('prints the contributor note, one sentence per role, with correct plurals', () => {
    expect(formatContributorNote([{ personId: null, name: 'Peng Qin', role: 'intern' }])).toBe(
      '(Peng Qin, as an intern, also contributed to this report.)',
    );
    expect(
      formatContributorNote([
        { personId: null, name: 'Peng Qin', role: 'intern' },
        { personId: null, name: 'Li Wei', role: 'intern' },
        { personId: null, name: 'Zhang Min', role: 'translation' },
      ]),
    ).toBe('(Peng Qin and Li Wei, as interns, also contributed to this report. Translated by Zhang Min.)');
    expect(formatContributorNote([])).toBe('');
  });

  it('credits a person once per role even if listed twice', () => {
    expect(
      formatContributorNote([
        { personId: null, name: 'Peng Qin', role: 'intern' },
        { personId: null, name: 'peng qin', role: 'intern' },
      ]),
    ).toBe('(Peng Qin, as an intern, also contributed to this report.)');
  });
});
