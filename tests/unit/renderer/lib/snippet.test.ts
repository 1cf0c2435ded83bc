import { describe, expect, it } from 'vitest';
import { SNIPPET_MARK } from '../../../../shared/api/contract.ts';
import { splitSnippet } from '../../../../renderer/lib/snippet.ts';

const { start: S, end: E } = SNIPPET_MARK;

describe('splitSnippet: search excerpts with highlighted terms', () => {
  it('returns the text as one plain run when nothing is highlighted', () => {
    expect(splitSnippet('The harbour board met on Tuesday.')).toEqual([{ text: 'The harbour board met on Tuesday.', marked: false }]);
  });

  it('highlights each matched term and keeps the text around it', () => {
    expect(splitSnippet(`…the ${S}harbour${E} board approved a ${S}dredging${E} contract…`)).toEqual([
      { text: '…the ', marked: false },
      { text: 'harbour', marked: true },
      { text: ' board approved a ', marked: false },
      { text: 'dredging', marked: true },
      { text: ' contract…', marked: false },
    ]);
  });

  it('handles a highlight at the very start and end, and two in a row', () => {
    expect(splitSnippet(`${S}Port${E}${S}land${E} expands ${S}port${E}`)).toEqual([
      { text: 'Port', marked: true },
      { text: 'land', marked: true },
      { text: ' expands ', marked: false },
      { text: 'port', marked: true },
    ]);
  });

  it('keeps markup in story text as literal text, never as HTML', () => {
    const parts = splitSnippet(`Reader wrote <img src=x onerror=alert(1)> about ${S}<b>tax</b>${E} &amp; rates`);
    expect(parts).toEqual([
      { text: 'Reader wrote <img src=x onerror=alert(1)> about ', marked: false },
      { text: '<b>tax</b>', marked: true },
      { text: ' &amp; rates', marked: false },
    ]);
  });

  it('drops stray or unbalanced markers without losing a character of text', () => {
    const snippet = `${E}budget${E} vote ${S}${S}council${E}${E} and ${S}mayor`;
    const parts = splitSnippet(snippet);
    const joined = parts.map((p) => p.text).join('');
    expect(joined).toBe('budget vote council and mayor');
    expect(joined).not.toMatch(new RegExp(`[${S}${E}]`));
    expect(parts.find((p) => p.text === 'council')?.marked).toBe(true);
    expect(parts.find((p) => p.text.includes('budget'))?.marked).toBe(false);
    // An opening marker that is never closed still highlights the term it opened.
    expect(parts.at(-1)).toEqual({ text: 'mayor', marked: true });
  });

  it('returns no runs for an empty snippet and never an empty run', () => {
    expect(splitSnippet('')).toEqual([]);
    expect(splitSnippet(`${S}${E}`)).toEqual([]);
    expect(splitSnippet(`a${S}${E}b`).every((p) => p.text.length > 0)).toBe(true);
  });

  it('keeps characters outside the basic plane whole (emoji, rare CJK)', () => {
    expect(splitSnippet(`Fans 🎉 in ${S}𠮷野家${E}`)).toEqual([
      { text: 'Fans 🎉 in ', marked: false },
      { text: '𠮷野家', marked: true },
    ]);
  });
});
