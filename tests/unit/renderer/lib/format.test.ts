import { describe, expect, it } from 'vitest';
import { formatResultCount, formatStoryCount } from '../../../../renderer/lib/format.ts';

describe('formatResultCount: the search result count above the list', () => {
  it.each([
    [0, false, '0 results'],
    [1, false, '1 result'],
    [2, false, '2 results'],
    [1234, false, '1,234 results'],
  ])('%d matches → "%s"', (total, capped, text) => {
    expect(formatResultCount(total, capped)).toBe(text);
  });

  it('says "10,000+ results" when the count was capped', () => {
    expect(formatResultCount(10_000, true)).toBe('10,000+ results');
  });
});

describe('formatStoryCount: library and trash totals', () => {
  it.each([
    [0, '0 stories'],
    [1, '1 story'],
    [2, '2 stories'],
    [1_234_567, '1,234,567 stories'],
  ])('%d → "%s"', (total, text) => {
    expect(formatStoryCount(total)).toBe(text);
  });
});
