import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getSelection,
  $setSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  type BaseSelection,
  type NodeKey,
} from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import { MEDIA_MAX_BYTES, tooLargeMessage, type MediaInfo } from '../../../shared/api/methods/media.ts';
import { useApi } from '../../api/context.tsx';
import { errorMessage } from '../../api/errors.ts';
import { $createFigureNode, $isFigureNode, FigureNode, type FigureData } from '../nodes/FigureNode.tsx';
import { plainCaption } from '../nodes/figureCaption.ts';
import { setFigureMediaUrl } from '../nodes/figureMedia.ts';
import { INSERT_FIGURE_COMMAND, OPEN_FIGURE_PICKER_COMMAND } from './figureCommands.ts';
import { $insertBlockAtCaret } from './insertBlock.ts';

export { INSERT_FIGURE_COMMAND, OPEN_FIGURE_PICKER_COMMAND };

type Target = { kind: 'insert'; selection: BaseSelection | null } | { kind: 'replace'; nodeKey: NodeKey };

type Status = { kind: 'busy'; count: number } | { kind: 'error'; message: string } | null;

/**
 * Figures in the body: the INSERT command, the file picker (toolbar "Insert
 * image", a figure's "Replace image" / "Add image"), images dropped on or
 * pasted into the editor. Every file goes through `media.import`, which
 * stores it and reads its embedded caption, credit and alt text. The story
 * changes only once the image is stored; a refused file leaves it untouched
 * and shows the backend's message. Insert, replace and remove are ordinary
 * editor updates, so Ctrl+Z undoes them.
 */
export function FigurePlugin() {
  const [editor] = useLexicalComposerContext();
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const pickerTarget = useRef<Target | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const pending = useRef(0);

  if (!editor.hasNodes([FigureNode])) throw new Error('FigurePlugin: FigureNode is not registered on the editor');

  useEffect(() => setFigureMediaUrl(editor, (sha256, variant) => api.mediaUrl(sha256, variant)), [api, editor]);

  const importFiles = useCallback(
    async (files: readonly File[], target: Target) => {
      if (files.length === 0 || !editor.isEditable()) return;
      pending.current += 1;
      setStatus({ kind: 'busy', count: files.length });
      const failures: string[] = [];
      let selection = target.kind === 'insert' ? target.selection : null;
      try {
        for (const file of target.kind === 'replace' ? files.slice(0, 1) : files) {
          let imported: MediaInfo;
          try {
            imported = await importFile(file);
          } catch (error) {
            failures.push(errorMessage(error));
            continue;
          }
          editor.update(() => {
            if (target.kind === 'replace') {
              $applyToFigure(target.nodeKey, imported);
              return;
            }
            if (selection) $setSelection(selection.clone());
            $insertBlockAtCaret($createFigureNode(figureFrom(imported)));
            // The next image of a multi-file drop goes after this one.
            selection = $getSelection()?.clone() ?? null;
          });
        }
      } finally {
        pending.current -= 1;
      }
      if (failures.length > 0) setStatus({ kind: 'error', message: failures.join(' ') });
      else if (pending.current === 0) setStatus(null);
    },
    // importFile is defined below and only reads `api`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, editor],
  );

  const importFile = async (file: File): Promise<MediaInfo> => {
    // Checked here too so a huge file is never read into memory or sent.
    if (file.size > MEDIA_MAX_BYTES) throw new Error(tooLargeMessage(file.name || 'image', file.size));
    const dataBase64 = await readBase64(file);
    return api.invoke('media.import', { fileName: file.name || 'pasted image', dataBase64 });
  };

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          INSERT_FIGURE_COMMAND,
          (data) => {
            if (!editor.isEditable()) return false;
            $insertBlockAtCaret($createFigureNode(data));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          OPEN_FIGURE_PICKER_COMMAND,
          (payload) => {
            if (!editor.isEditable() || !input.current) return false;
            pickerTarget.current = payload?.replaceKey
              ? { kind: 'replace', nodeKey: payload.replaceKey }
              : { kind: 'insert', selection: $getSelection()?.clone() ?? null };
            input.current.value = '';
            input.current.click();
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!hasFiles(event.dataTransfer)) return false;
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            const files = Array.from(event.dataTransfer?.files ?? []);
            if (files.length === 0) return false;
            event.preventDefault();
            void importFiles(files, { kind: 'insert', selection: $selectionAtPoint(event) });
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            const files = 'clipboardData' in event ? Array.from(event.clipboardData?.files ?? []) : [];
            // Above the HTML paste handler: a copied picture often comes with an <img> tag too.
            if (files.length === 0) return false;
            event.preventDefault();
            void importFiles(files, { kind: 'insert', selection: $getSelection()?.clone() ?? null });
            return true;
          },
          COMMAND_PRIORITY_CRITICAL,
        ),
      ),
    [editor, importFiles],
  );

  const onPicked = () => {
    const files = Array.from(input.current?.files ?? []);
    const target = pickerTarget.current ?? { kind: 'insert', selection: null };
    pickerTarget.current = null;
    if (input.current) input.current.value = '';
    void importFiles(files, target);
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        className="visually-hidden"
        aria-label="Image file"
        tabIndex={-1}
        onChange={onPicked}
      />
      {status?.kind === 'busy' && (
        <div className="figure-status" role="status">
          <span className="figure-status__spinner" aria-hidden="true" />
          {status.count > 1 ? `Adding ${status.count} images…` : 'Adding image…'}
        </div>
      )}
      {status?.kind === 'error' && (
        <div className="figure-status figure-status--error" role="alert">
          <span>{status.message}</span>
          <button type="button" className="button button--quiet button--small" onClick={() => setStatus(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}

/** A new figure's fields from what the image carries. */
function figureFrom(imported: MediaInfo): Partial<FigureData> {
  const { metadata } = imported;
  return { media: imported.media, caption: plainCaption(metadata.caption), credit: metadata.credit, creator: metadata.creator, alt: metadata.alt };
}

/** A replaced image takes the new media; fields the person left empty are filled from the new file's metadata. */
function $applyToFigure(nodeKey: NodeKey, imported: MediaInfo): void {
  const node = $getNodeByKey(nodeKey);
  if (!$isFigureNode(node)) return;
  const current = node.getData();
  const next = figureFrom(imported);
  node.setData({
    media: imported.media,
    caption: current.caption.length > 0 ? current.caption : (next.caption ?? []),
    credit: current.credit || (next.credit ?? ''),
    creator: current.creator || (next.creator ?? ''),
    alt: current.alt || (next.alt ?? ''),
  });
}

function hasFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

/** Where a drop landed, as a selection in the block under the pointer (null: keep the caret). */
function $selectionAtPoint(event: DragEvent): BaseSelection | null {
  const target = event.target instanceof Node ? event.target : null;
  const node = target ? $getNearestNodeFromDOMNode(target) : null;
  const block = node?.getTopLevelElement() ?? null;
  if (block === null) return $getSelection()?.clone() ?? null;
  return block.selectEnd().clone();
}

/** The file's bytes as base64, read by the browser without a detour through JS strings per byte. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`“${file.name}” could not be read from the disk.`));
    reader.readAsDataURL(file);
  });
}
