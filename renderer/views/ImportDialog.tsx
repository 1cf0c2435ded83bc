import { useId, useRef, useState, type ChangeEvent } from 'react';
import { captionText, type CaptionRun, type NoteEntry } from '../../shared/model/anatomy.ts';
import { formatByline, formatContributorNote } from '../../shared/model/credits.ts';
import type { SerializedNode } from '../../shared/model/document.ts';
import { sectorLabel } from '../../shared/model/publication.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { useNotice } from '../components/Notice.tsx';
import { navigate } from '../hooks/useRoute.ts';
import { usePublicationSettings } from '../hooks/useSectors.ts';
import { IMPORT_ACCEPT, createFromImport, prepareFile, prepareText, type ImportProgress, type PreparedImport } from '../import/prepare.ts';
import '../styles/import.css';
import { useModalDialog } from '../components/useModalDialog.ts';

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
}

type Stage = 'choose' | 'working' | 'preview' | 'creating';

/**
 * "Import a story": a file (web text, Word, HTML, ninjs) or pasted text is
 * converted in the window, then previewed — the header, the structure found,
 * what was dropped and the block outline — and only "Create story" stores
 * anything. Cancel at any point leaves no trace.
 */
export default function ImportDialog({ open, onClose }: ImportDialogProps) {
  const api = useApi();
  const notice = useNotice();
  const settings = usePublicationSettings();
  const ref = useRef<HTMLDialogElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const run = useRef(0);
  const titleId = useId();
  const pasteId = useId();
  const [stage, setStage] = useState<Stage>('choose');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prepared, setPrepared] = useState<PreparedImport | null>(null);
  const [pasted, setPasted] = useState('');

  useModalDialog(ref, open, fileRef);

  const reset = () => {
    run.current += 1;
    setStage('choose');
    setProgress(null);
    setError(null);
    setPrepared(null);
    setPasted('');
  };

  const close = () => {
    if (stage === 'creating') return;
    reset();
    onClose();
  };

  const convert = (work: (onProgress: (p: ImportProgress) => void) => Promise<PreparedImport>) => {
    const token = ++run.current;
    setStage('working');
    setError(null);
    setPrepared(null);
    setProgress({ phase: 'reading' });
    work((p) => {
      if (run.current === token) setProgress(p);
    })
      .then((result) => {
        if (run.current !== token) return;
        setPrepared(result);
        setStage('preview');
      })
      .catch((reason: unknown) => {
        if (run.current !== token) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setStage('choose');
      })
      .finally(() => {
        if (run.current === token) setProgress(null);
      });
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file can be chosen again after fixing it.
    event.target.value = '';
    if (!file) return;
    convert((onProgress) => prepareFile(file, { api, sectors: settings.sectors, onProgress }));
  };

  const onPaste = () => {
    const text = pasted;
    convert((onProgress) => prepareText(text, { api, sectors: settings.sectors, onProgress }));
  };

  const create = () => {
    if (!prepared) return;
    const token = run.current;
    setStage('creating');
    setError(null);
    setProgress(prepared.images.length > 0 ? { phase: 'images', done: 0, total: prepared.images.length } : null);
    createFromImport(api, prepared, (done, total) => {
      if (run.current === token) setProgress({ phase: 'images', done, total });
    })
      .then(({ story, imageProblems }) => {
        for (const problem of imageProblems) notice.show({ message: problem, tone: 'error' });
        reset();
        onClose();
        navigate({ name: 'story', id: story.id });
      })
      .catch((reason: unknown) => {
        // Nothing was created (the story is made in one call); the preview stays for another try.
        setError(`The story was not created. ${errorMessage(reason)}`);
        setStage('preview');
        setProgress(null);
      });
  };

  const busy = stage === 'working' || stage === 'creating';

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-modal="true"
      className="dialog import-dialog"
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            Import a story
          </h2>

          {(stage === 'choose' || stage === 'working') && (
            <div className="import-dialog__sources">
              <p className="import-dialog__hint">
                Web-page text (.txt), a Word document (.docx), HTML (.html) or IPTC ninjs (.json), up to 20 MB. Nothing is saved until you
                create the story.
              </p>
              <label className="button import-dialog__file">
                Choose a file…
                <input
                  ref={fileRef}
                  type="file"
                  accept={IMPORT_ACCEPT}
                  aria-label="Choose a file"
                  className="import-dialog__file-input"
                  onChange={onFile}
                  disabled={busy}
                />
              </label>
              <label htmlFor={pasteId} className="import-dialog__label">
                Or paste the story’s text
              </label>
              <textarea
                id={pasteId}
                className="import-dialog__paste"
                rows={5}
                value={pasted}
                onChange={(event) => setPasted(event.target.value)}
                placeholder="Paste a story copied from a web page, HTML or ninjs JSON"
                disabled={busy}
              />
              <div className="import-dialog__row">
                <button type="button" className="button" onClick={onPaste} disabled={busy || pasted.trim() === ''}>
                  Read pasted text
                </button>
              </div>
            </div>
          )}

          <ProgressLine progress={progress} stage={stage} />

          {error && (
            <p className="dialog__error import-dialog__error" role="alert">
              {error}
            </p>
          )}

          {prepared && (stage === 'preview' || stage === 'creating') && (
            <Preview prepared={prepared} settings={settings} />
          )}

          <div className="dialog__actions">
            {stage === 'preview' || stage === 'creating' ? (
              <button type="button" className="button button--quiet import-dialog__back" onClick={reset} disabled={stage === 'creating'}>
                Import something else
              </button>
            ) : null}
            <button type="button" className="button" onClick={close} disabled={stage === 'creating'}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={create}
              disabled={stage !== 'preview' || !prepared}
              aria-busy={stage === 'creating'}
            >
              Create story
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function ProgressLine({ progress, stage }: { progress: ImportProgress | null; stage: Stage }) {
  if (!progress && stage !== 'creating') return null;
  if (progress?.phase === 'images') {
    const label = stage === 'creating' ? 'Storing pictures' : 'Reading pictures';
    return (
      <div className="import-dialog__progress" role="status">
        <span>
          {label}… {progress.done} of {progress.total}
        </span>
        <progress aria-label={label} max={Math.max(progress.total, 1)} value={progress.done} />
      </div>
    );
  }
  const text = stage === 'creating' ? 'Creating the story…' : progress?.phase === 'converting' ? 'Converting…' : 'Reading…';
  return (
    <div className="import-dialog__progress" role="status">
      <span className="import-dialog__spinner" aria-hidden="true" />
      {text}
    </div>
  );
}

function Preview({ prepared, settings }: { prepared: PreparedImport; settings: ReturnType<typeof usePublicationSettings> }) {
  const { draft, report } = prepared;
  const byline = formatByline(draft.byline, settings.bylineFormat);
  const dateline = [draft.dateline.place, draft.dateline.date].filter(Boolean).join(', ');
  const blocks = draft.body.root.children;
  return (
    <section className="import-preview" aria-label="Preview">
      <p className="import-preview__source">
        {prepared.format} · {prepared.sourceName}
      </p>
      <div className="import-preview__header">
        <p className="import-preview__headline">{draft.headline || <em>No headline found</em>}</p>
        {draft.standfirst && <p className="import-preview__standfirst">{draft.standfirst}</p>}
        <dl className="import-preview__meta">
          <dt>Byline</dt>
          <dd>{byline || '—'}</dd>
          <dt>Dateline</dt>
          <dd>{dateline || '—'}</dd>
          <dt>Language</dt>
          <dd>{draft.language}</dd>
        </dl>
      </div>

      <div className="import-preview__columns">
        <div>
          <h3 id="import-found" className="import-preview__title">
            Structure found
          </h3>
          <ul className="import-preview__list" aria-labelledby="import-found">
            {report.found.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
          <h3 id="import-dropped" className="import-preview__title">
            Dropped ({report.dropped.length})
          </h3>
          {report.dropped.length === 0 ? (
            <p className="import-preview__empty">Nothing was left out.</p>
          ) : (
            <ul className="import-preview__list import-preview__list--dropped" aria-labelledby="import-dropped">
              {report.dropped.map((item, index) => (
                <li key={index}>
                  <strong>{item.reason}</strong>: “{item.text}”
                </li>
              ))}
            </ul>
          )}
          {report.notes.length > 0 && (
            <ul className="import-preview__notes" aria-label="Notes">
              {report.notes.map((note, index) => (
                <li key={index}>{note}</li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 id="import-outline" className="import-preview__title">
            Outline ({blocks.length} {blocks.length === 1 ? 'block' : 'blocks'})
          </h3>
          <ol className="import-preview__outline" aria-labelledby="import-outline">
            {blocks.map((block, index) => (
              <li key={index} className={`import-outline__item import-outline__item--${block.type}`}>
                {describeBlock(block, settings)}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}

const OUTLINE_TEXT = 70;

function describeBlock(block: SerializedNode, settings: ReturnType<typeof usePublicationSettings>): string {
  switch (block.type) {
    case 'sector-heading':
      return `Sector: ${sectorLabel(settings.sectors, String(block.sectorId))}`;
    case 'figure': {
      const caption = captionText((block.caption as CaptionRun[]) ?? []);
      const credit = typeof block.credit === 'string' && block.credit ? ` (${block.credit})` : '';
      return `Figure: ${short(caption) || 'no caption'}${credit}`;
    }
    case 'contributor-note':
      return `Note: ${formatContributorNote((block.contributors as NoteEntry[]) ?? [], settings.noteTemplates)}`;
    case 'heading':
      return `Heading: ${short(textOf(block))}`;
    case 'list':
      return `List: ${(block.children ?? []).length} items`;
    case 'quote':
      return `Quote: ${short(textOf(block))}`;
    default:
      return short(textOf(block)) || '(empty paragraph)';
  }
}

function textOf(node: SerializedNode): string {
  if (typeof node.text === 'string') return node.text;
  return (node.children ?? []).map(textOf).join(node.type === 'list' ? '; ' : '');
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > OUTLINE_TEXT ? `${flat.slice(0, OUTLINE_TEXT - 1)}…` : flat;
}
