import type { WordDiffOp } from '../../shared/review/wordDiff.ts';

/** Which runs to show: the old text (equal + deleted), the new one (equal + inserted), or both marked inline. */
export type DiffSide = 'before' | 'after' | 'both';

/**
 * A word diff as text with <del> and <ins>. Colour is not the only signal:
 * deletions are struck through, insertions underlined, and each carries
 * visually hidden words for screen readers ("[deleted: …]").
 */
export function WordRuns({ ops, side }: { ops: readonly WordDiffOp[]; side: DiffSide }) {
  return (
    <>
      {ops.map((op, index) => {
        if (op.op === 'equal') return <span key={index}>{op.text}</span>;
        if (op.op === 'delete') return side === 'after' ? null : <Deleted key={index} text={op.text} />;
        return side === 'before' ? null : <Inserted key={index} text={op.text} />;
      })}
    </>
  );
}

export function Deleted({ text }: { text: string }) {
  return (
    <del className="diff-del">
      <span className="visually-hidden">[deleted: </span>
      {text}
      <span className="visually-hidden">]</span>
    </del>
  );
}

export function Inserted({ text }: { text: string }) {
  return (
    <ins className="diff-ins">
      <span className="visually-hidden">[inserted: </span>
      {text}
      <span className="visually-hidden">]</span>
    </ins>
  );
}
