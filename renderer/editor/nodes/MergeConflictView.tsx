import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useId, useRef, useState } from 'react';
import type { SerializedNode } from '../../../shared/model/document.ts';
import { blockText, blockTypeLabel, type ReviewOptions } from '../../../shared/review/blockContent.ts';
import { usePublicationSettings } from '../../hooks/useSectors.ts';
import type { MergeConflictData } from './MergeConflictNode.tsx';
import { resolveMergeConflict, type ConflictChoice } from './mergeConflictResolve.ts';
import '../../styles/conflicts.css';

/** "paragraph", "heading", "bulleted list": how the group's name calls the block. */
function kindName(data: MergeConflictData): string {
  const kinds = new Set([data.ours, data.theirs].filter((v): v is SerializedNode => v !== null).map((v) => blockTypeLabel(v).replace(/ \d$/, '').toLowerCase()));
  return kinds.size === 1 ? [...kinds][0]! : 'block';
}

/** The decisions, with a tooltip that says what each does to this block. */
const CHOICES: ReadonlyArray<{ choice: ConflictChoice; label: string; hint: (data: MergeConflictData) => string }> = [
  { choice: 'ours', label: 'Keep mine', hint: (data) => keepHint(data.oursLabel, data.ours) },
  { choice: 'theirs', label: 'Keep theirs', hint: (data) => keepHint(data.theirsLabel, data.theirs) },
  { choice: 'both', label: 'Keep both', hint: () => 'Keep both versions, one after the other, to combine by hand' },
];

function keepHint(label: string, version: SerializedNode | null): string {
  return version === null ? `Leave the block out, as “${label}” does` : `Keep “${label}” only`;
}

/**
 * A conflict block in the editor: both versions side by side as read-only
 * text under their labels, the common ancestor folded away, and the three
 * decisions. A decision is one undoable edit; the buttons are off when the
 * story cannot be edited (a read-only history version, a story in the trash).
 */
export function MergeConflictView({ data, nodeKey }: { data: MergeConflictData; nodeKey: string }) {
  const [editor] = useLexicalComposerContext();
  const { sectors, noteTemplates } = usePublicationSettings();
  const [editable, setEditable] = useState(() => editor.isEditable());
  const group = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const options: ReviewOptions = { sectors, noteTemplates };
  const kind = kindName(data);

  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  // Enter and Space on a button (or the "Before either change" summary) are
  // the control's own: without this, Lexical's listener on the body, further
  // up, would take Enter as a new paragraph and cancel the press.
  useEffect(() => {
    const element = group.current;
    if (element === null) return;
    const keepKeys = (event: KeyboardEvent) => {
      if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof HTMLElement && event.target.closest('button, summary') !== null) {
        event.stopPropagation();
      }
    };
    element.addEventListener('keydown', keepKeys);
    return () => element.removeEventListener('keydown', keepKeys);
  }, []);

  return (
    <div ref={group} className="merge-conflict" role="group" aria-label={`Conflict: two versions of this ${kind}`} aria-describedby={hintId}>
      <div className="merge-conflict__top">
        <span className="merge-conflict__badge">Needs a decision</span>
        <p id={hintId} className="merge-conflict__hint">
          This {kind} was changed here and elsewhere in ways that do not fit together. Keep one version, or both to combine them by hand.
        </p>
      </div>
      <div className="merge-conflict__versions">
        <Version label={data.oursLabel} version={data.ours} options={options} side="ours" />
        <Version label={data.theirsLabel} version={data.theirs} options={options} side="theirs" />
      </div>
      {data.base !== null && (
        <details className="merge-conflict__base">
          <summary>Before either change</summary>
          <VersionText version={data.base} options={options} />
        </details>
      )}
      <div className="merge-conflict__actions">
        {CHOICES.map(({ choice, label, hint }) => (
          <button
            key={choice}
            type="button"
            className={`button button--small${choice === 'both' ? '' : ' merge-conflict__keep'}`}
            title={hint(data)}
            disabled={!editable}
            onClick={() => resolveMergeConflict(editor, nodeKey, choice)}
          >
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

function Version({ label, version, options, side }: { label: string; version: SerializedNode | null; options: ReviewOptions; side: 'ours' | 'theirs' }) {
  const headingId = useId();
  return (
    <section className={`merge-conflict__version merge-conflict__version--${side}`} aria-labelledby={headingId}>
      <h4 id={headingId} className="merge-conflict__label">
        {label}
      </h4>
      <VersionText version={version} options={options} />
    </section>
  );
}

function VersionText({ version, options }: { version: SerializedNode | null; options: ReviewOptions }) {
  if (version === null) return <p className="merge-conflict__text merge-conflict__text--deleted">Deleted on this side</p>;
  const text = blockText(version, options);
  return (
    <>
      <span className="merge-conflict__kind">{blockTypeLabel(version)}</span>
      <p className="merge-conflict__text">{text === '' ? <span className="merge-conflict__empty">(empty)</span> : text}</p>
    </>
  );
}
