import { SNIPPET_MARK } from '../../shared/api/contract.ts';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a search snippet at its private-use markers into plain and
 * highlighted runs, so it can be rendered as text nodes and <mark> elements
 * without ever being read as HTML. Stray or unbalanced markers are dropped.
 */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let current = '';
  const push = () => {
    if (current) parts.push({ text: current, marked });
    current = '';
  };
  for (const char of snippet) {
    if (char === SNIPPET_MARK.start) {
      push();
      marked = true;
    } else if (char === SNIPPET_MARK.end) {
      push();
      marked = false;
    } else {
      current += char;
    }
  }
  push();
  return parts;
}
