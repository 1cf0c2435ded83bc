import { splitSnippet } from '../lib/snippet.ts';

/** A search excerpt with its matched terms in <mark>; rendered as text, never as HTML. */
export function Snippet({ text }: { text: string }) {
  return (
    <>
      {splitSnippet(text).map((part, index) =>
        part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>,
      )}
    </>
  );
}
