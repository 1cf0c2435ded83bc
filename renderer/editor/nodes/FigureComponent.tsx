import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, stopLexicalPropagation, type NodeKey } from 'lexical';
import { useEffect, useId, useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useApi } from '../../api/context.tsx';
import { OPEN_FIGURE_PICKER_COMMAND } from '../plugins/figureCommands.ts';
import { $isFigureNode, printedCaption, type FigureData } from './FigureNode.tsx';
import { appendCaption, captionFromDOM, sameCaption } from './figureCaption.ts';
import '../../styles/figure.css';

/**
 * Events from the figure's own fields are theirs: Lexical, listening on the
 * story body around them, would otherwise treat Ctrl+B, Enter, Backspace or a
 * paste in the caption as editing the story. stopLexicalPropagation marks the
 * event for Lexical only, so React (listening further up) still sees it.
 */
const FIELD_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'paste',
  'cut',
  'copy',
  'drop',
  'dragover',
  'compositionstart',
  'compositionend',
] as const;

function isField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}

/**
 * A figure in the editor: the image (its downscaled rendition), then caption
 * (bold and italic allowed), credit and alt text, and what will print:
 * "caption (credit)". Each edit is written to the node at once, so autosave
 * and undo see it. A figure without media is a placeholder waiting for its photo.
 */
export function FigureComponent({ nodeKey, data }: { nodeKey: NodeKey; data: FigureData }) {
  const [editor] = useLexicalComposerContext();
  const api = useApi();
  const [editable, setEditable] = useState(() => editor.isEditable());
  // The hash whose file failed to load (a store copied without its media folder).
  const [missingSha, setMissingSha] = useState<string | null>(null);
  const wrapper = useRef<HTMLElement>(null);
  const captionRef = useRef<HTMLDivElement>(null);
  const ids = { caption: useId(), credit: useId(), alt: useId(), printed: useId() };
  const { media, caption, credit, alt, creator } = data;
  const missing = media !== null && missingSha === media.sha256;

  useEffect(() => editor.registerEditableListener(setEditable), [editor]);

  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    const shield = (event: Event) => {
      if (isField(event.target)) stopLexicalPropagation(event);
    };
    for (const name of FIELD_EVENTS) element.addEventListener(name, shield);
    return () => {
      for (const name of FIELD_EVENTS) element.removeEventListener(name, shield);
    };
  }, []);

  // The caption's DOM is ours, not React's (React would fight the caret): it is
  // rebuilt only when the node's caption differs from what the field shows —
  // after undo, redo, a reload or a replaced image, never while typing.
  useLayoutEffect(() => {
    const element = captionRef.current;
    if (!element || sameCaption(captionFromDOM(element), caption)) return;
    element.replaceChildren();
    appendCaption(element, caption);
  }, [caption]);

  const update = (patch: Partial<FigureData>) => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isFigureNode(node)) node.setData(patch);
    });
  };

  const onCaptionInput = () => {
    const element = captionRef.current;
    if (!element) return;
    const runs = captionFromDOM(element);
    if (!sameCaption(runs, caption)) update({ caption: runs });
  };

  const onCaptionKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter') {
      // A caption is one paragraph.
      event.preventDefault();
      return;
    }
    if (mod && !event.altKey && !event.shiftKey && (event.key === 'b' || event.key === 'i')) {
      event.preventDefault();
      // execCommand is deprecated but is still the one way to toggle bold in a
      // contentEditable with the browser's own caret and undo handling.
      document.execCommand(event.key === 'b' ? 'bold' : 'italic');
      return;
    }
    if (mod && (event.key === 'u' || event.key === 'k')) event.preventDefault(); // no underline or links in captions
  };

  const onCaptionPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    // Only text gets in; formatting is applied with Ctrl+B / Ctrl+I.
    event.preventDefault();
    const text = event.clipboardData.getData('text/plain').replace(/\s+/g, ' ');
    document.execCommand('insertText', false, text);
  };

  const remove = () => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (!$isFigureNode(node)) return;
      const next = node.getNextSibling() ?? node.getPreviousSibling();
      node.remove();
      if (next) next.selectStart();
    });
    editor.focus();
  };

  const pick = () => editor.dispatchCommand(OPEN_FIGURE_PICKER_COMMAND, { replaceKey: nodeKey });
  const printed = printedCaption(data);

  return (
    <figure ref={wrapper} className={`figure${media === null ? ' figure--placeholder' : ''}`} aria-label="Figure" aria-describedby={ids.printed}>
      {media !== null ? (
        <div className="figure__frame" style={{ aspectRatio: `${media.width} / ${media.height}` }}>
          {missing ? (
            <p className="figure__missing">This image’s file is missing from Copydesk’s media folder on this computer.</p>
          ) : (
            <img
              className="figure__image"
              src={api.mediaUrl(media.sha256, 'r1600')}
              alt={alt}
              width={media.width}
              height={media.height}
              draggable={false}
              onError={() => setMissingSha(media.sha256)}
            />
          )}
        </div>
      ) : (
        <div className="figure__placeholder">
          <p>No image yet. The caption below is waiting for its photo.</p>
          {editable && (
            <button type="button" className="button button--small" onClick={pick}>
              Add image
            </button>
          )}
        </div>
      )}

      <div className="figure__fields">
        <div className="figure__field figure__field--caption">
          <span id={ids.caption} className="figure__label">
            Caption
          </span>
          <div
            ref={captionRef}
            id={`${ids.caption}-field`}
            className="figure__caption input"
            role="textbox"
            aria-labelledby={ids.caption}
            aria-multiline="false"
            aria-readonly={!editable}
            contentEditable={editable}
            suppressContentEditableWarning
            spellCheck
            data-placeholder="Write a caption (Ctrl+B bold, Ctrl+I italic)"
            onInput={onCaptionInput}
            onKeyDown={onCaptionKeyDown}
            onPaste={onCaptionPaste}
          />
        </div>
        <div className="figure__row">
          <div className="figure__field">
            <label htmlFor={ids.credit} className="figure__label">
              Credit
            </label>
            <input
              id={ids.credit}
              className="input"
              type="text"
              value={credit}
              maxLength={300}
              readOnly={!editable}
              placeholder="e.g. iChongqing/ Vivian Yan"
              onChange={(event) => update({ credit: event.target.value })}
            />
          </div>
          {creator !== '' && (
            <p className="figure__creator">
              Photographer: <span>{creator}</span>
            </p>
          )}
        </div>
        <div className="figure__field">
          <label htmlFor={ids.alt} className="figure__label">
            Alt text
          </label>
          <textarea
            id={ids.alt}
            className="input figure__alt"
            rows={2}
            value={alt}
            maxLength={1000}
            readOnly={!editable}
            placeholder="Describe what the picture shows, for readers who can’t see it"
            onChange={(event) => update({ alt: event.target.value.replace(/\n/g, ' ') })}
          />
        </div>
        <p id={ids.printed} className={`figure__printed${printed === '' ? ' is-empty' : ''}`}>
          <span className="figure__printed-label">Prints as: </span>
          {printed === '' ? 'no caption yet' : printed}
        </p>
      </div>

      {editable && (
        <div className="figure__actions">
          {media !== null && (
            <button type="button" className="button button--small" onClick={pick}>
              Replace image
            </button>
          )}
          <button type="button" className="button button--quiet button--small button--danger-quiet" onClick={remove}>
            Remove figure
          </button>
        </div>
      )}
    </figure>
  );
}
