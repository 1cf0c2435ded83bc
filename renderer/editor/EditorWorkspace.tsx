import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLEAR_HISTORY_COMMAND } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import type { SerializedDocument } from '../../shared/model/document.ts';
import { STATUS_LABELS } from '../../shared/model/story.ts';
import { countText, type TextCount } from '../../shared/model/wordcount.ts';
import { useApi } from '../api/context.tsx';
import { errorMessage } from '../api/errors.ts';
import { Icon } from '../components/Icon.tsx';
import { useNotice } from '../components/Notice.tsx';
import { SaveStatusBar } from '../components/SaveStatusBar.tsx';
import { navigate } from '../hooks/useRoute.ts';
import { stripUnsafeLinks } from '../lib/sanitizeDocument.ts';
import { EditorBody } from './EditorBody.tsx';
import { ExportStoryButton } from './ExportStoryButton.tsx';
import { HistoryPanel } from './history/HistoryPanel.tsx';
import { HeadlineFields } from './HeadlineFields.tsx';
import { OutlinePanel } from './OutlinePanel.tsx';
import { CommentsPanel } from './comments/CommentsPanel.tsx';
import { StoryHeader } from './StoryHeader.tsx';
import { toBylineEntries, toBylineRows, type StoryHeaderValue } from './StoryHeaderModel.ts';
import { SKIP_AUTOSAVE_TAG } from './plugins/AutosavePlugin.tsx';
import { FigurePlugin } from './plugins/FigurePlugin.tsx';
import { LinkPlugin } from './plugins/LinkPlugin.tsx';
import { SectorPlugin } from './plugins/SectorPlugin.tsx';
import { ToolbarPlugin } from './plugins/ToolbarPlugin.tsx';
import { useAutosaver } from './useAutosaver.ts';
import { PolicyButton } from '../session/PolicyButton.tsx';
import { useStoryPermissions } from '../session/usePermissions.ts';
import { Timeline, CorrectionNote } from './workflow/Timeline.tsx';
import { WorkflowBar } from './workflow/WorkflowBar.tsx';
import { useWorkflowState } from './workflow/useWorkflowState.ts';

/** Everything around the body: header, headline and standfirst, toolbar, status bar. */
export function EditorWorkspace({ story }: { story: Story }) {
  const api = useApi();
  const notice = useNotice();
  const [editor] = useLexicalComposerContext();
  const [fields, setFields] = useState({ headline: story.headline, standfirst: story.standfirst });
  const fieldsRef = useRef(fields);
  const [header, setHeader] = useState<StoryHeaderValue>(() => ({ dateline: story.dateline, byline: toBylineRows(story.byline) }));
  const headerRef = useRef(header);
  const [count, setCount] = useState<TextCount>(() => countText('', story.language));
  const [trashedAt, setTrashedAt] = useState(story.trashedAt);
  const [busy, setBusy] = useState(false);
  // Where the story stands in the workflow (moves here or elsewhere update it).
  const workflow = useWorkflowState(story.id, story.status);
  const [timelineOpen, setTimelineOpen] = useState(false);
  // What the current person may do to this story (asked again when they switch user or the story moves).
  const permissions = useStoryPermissions(story.id, `${trashedAt ?? ''}:${workflow.state.status}:${workflow.version}`);
  const editRefused = permissions && !permissions.edit.ok ? permissions.edit.reason : null;

  const snapshot = useCallback(
    () => ({
      ...fieldsRef.current,
      body: editor.getEditorState().toJSON() as unknown as SerializedDocument,
      dateline: headerRef.current.dateline,
      byline: toBylineEntries(headerRef.current.byline),
    }),
    [editor],
  );
  const [historyOpen, setHistoryOpen] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  // Ctrl/Cmd+S: once the save succeeded, keep this version as a checkpoint (autosave never does).
  const checkpoint = useCallback(() => {
    if (trashedAt !== null) return;
    api
      .invoke('revisions.checkpoint', { storyId: story.id, kind: 'save' })
      .then(() => setHistoryKey((n) => n + 1))
      .catch((error: unknown) => notice.show({ message: `Saved, but this version was not added to History. ${errorMessage(error)}`, tone: 'error' }));
  }, [api, notice, story.id, trashedAt]);
  const { saver, state } = useAutosaver(api, story, snapshot, checkpoint);

  const changeField = (name: 'headline' | 'standfirst', value: string) => {
    fieldsRef.current = { ...fieldsRef.current, [name]: value };
    setFields(fieldsRef.current);
    saver.changed();
  };
  const changeHeader = (value: StoryHeaderValue) => {
    headerRef.current = value;
    setHeader(value);
    saver.changed();
  };
  const onBodyChange = useCallback(() => saver.changed(), [saver]);

  /** Replaces what is in the editor with the stored version. */
  const loadStored = useCallback(async () => {
    const stored = await api.invoke('stories.get', { id: story.id });
    editor.setEditorState(editor.parseEditorState(JSON.stringify(stripUnsafeLinks(stored.body))), { tag: SKIP_AUTOSAVE_TAG });
    editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
    fieldsRef.current = { headline: stored.headline, standfirst: stored.standfirst };
    setFields(fieldsRef.current);
    headerRef.current = { dateline: stored.dateline, byline: toBylineRows(stored.byline) };
    setHeader(headerRef.current);
    setTrashedAt(stored.trashedAt);
    saver.reset(stored.revision, new Date(stored.updatedAt));
  }, [api, editor, saver, story.id]);

  // Saved in another window while this one has nothing pending: show that version.
  useEffect(
    () =>
      api.on('story.changed', ({ id, revision }) => {
        if (id !== story.id || revision <= saver.currentRevision || saver.hasUnsavedChanges) return;
        loadStored().catch(() => undefined);
      }),
    [api, loadStored, saver, story.id],
  );

  useEffect(() => {
    editor.setEditable(trashedAt === null && editRefused === null);
  }, [editor, trashedAt, editRefused]);

  useEffect(() => {
    document.title = `${fields.headline.trim() || 'Untitled story'} · Copydesk`;
  }, [fields.headline]);

  const reload = () => {
    loadStored().catch((error: unknown) => notice.show({ message: `The story could not be reloaded. ${errorMessage(error)}`, tone: 'error' }));
  };

  const moveToTrash = async () => {
    setBusy(true);
    try {
      // Save first: a trashed story refuses saves, so nothing typed may be pending.
      await saver.saveNow();
      await api.invoke('stories.trash', { id: story.id });
      notice.show({
        message: 'Moved to trash.',
        action: {
          label: 'Undo',
          run: () => {
            api
              .invoke('stories.restore', { id: story.id })
              .then(() => navigate({ name: 'story', id: story.id }))
              .catch((error: unknown) => notice.show({ message: errorMessage(error), tone: 'error' }));
          },
        },
      });
      navigate({ name: 'library' });
    } catch (error) {
      notice.show({ message: `The story was not moved to the trash. ${errorMessage(error)}`, tone: 'error' });
      setBusy(false);
    }
  };

  const restore = () => {
    api
      .invoke('stories.restore', { id: story.id })
      .then(() => setTrashedAt(null))
      .catch((error: unknown) => notice.show({ message: `The story was not restored. ${errorMessage(error)}`, tone: 'error' }));
  };

  // Trashed, or not this person's to edit (the backend refuses such saves with the same reason).
  const readOnly = trashedAt !== null || editRefused !== null;
  return (
    <div className="editor-page">
      <header className="editor-top">
        <a className="back-link" href="#/" aria-label="Back to library">
          <Icon name="back" size={16} />
          Library
        </a>
        {trashedAt === null ? (
          <WorkflowBar
            storyId={story.id}
            status={workflow.state.status}
            permissions={permissions}
            beforeMove={async () => {
              if (readOnly) return true;
              await saver.saveNow();
              return !saver.hasUnsavedChanges;
            }}
            onMoved={(state) => {
              workflow.update(state);
              setHistoryKey((n) => n + 1);
            }}
          />
        ) : (
          <span className={`status-pill status-pill--${workflow.state.status}`}>{STATUS_LABELS[workflow.state.status]}</span>
        )}
        <span className="editor-top__spacer" />
        <button type="button" className="button button--quiet" aria-pressed={timelineOpen} onClick={() => setTimelineOpen((open) => !open)}>
          Timeline
        </button>
        <button
          type="button"
          className="button button--quiet"
          aria-pressed={historyOpen}
          onClick={() => setHistoryOpen((open) => !open)}
        >
          History
        </button>
        <ExportStoryButton storyId={story.id} beforeExport={() => (readOnly ? Promise.resolve() : saver.saveNow())} />
        {trashedAt === null && (
          <PolicyButton className="button button--quiet" title="Move to trash" decision={permissions?.trash} onClick={() => void moveToTrash()} disabled={busy}>
            <Icon name="trash" size={16} />
            {/* The label folds away on narrow windows; it stays the button's accessible name. */}
            <span className="editor-top__label">Move to trash</span>
          </PolicyButton>
        )}
      </header>
      <ToolbarPlugin>
        <LinkPlugin />
        <SectorPlugin />
        <FigurePlugin />
      </ToolbarPlugin>
      <div className="editor-scroll">
        {trashedAt === null && editRefused !== null && (
          <div className="banner" role="note">
            <span>{editRefused}</span>
          </div>
        )}
        {trashedAt !== null && (
          <div className="banner" role="note">
            <span>This story is in the trash. Restore it to keep editing.</span>
            <button type="button" className="button button--small" onClick={restore}>
              Restore
            </button>
          </div>
        )}
        <article className="paper" lang={story.language}>
          {workflow.state.correction && <CorrectionNote note={workflow.state.correction.note} at={workflow.state.correction.at} />}
          <HeadlineFields
            headline={fields.headline}
            standfirst={fields.standfirst}
            readOnly={readOnly}
            autoFocus={!readOnly && story.revision === 1 && story.headline === ''}
            onChange={changeField}
            onLeaveStandfirst={() => editor.focus()}
          />
          <StoryHeader value={header} readOnly={readOnly} onChange={changeHeader} />
          <EditorBody language={story.language} onChange={onBodyChange} onCount={setCount} />
        </article>
        <div className="editor-side">
          <OutlinePanel language={story.language} />
          <CommentsPanel
            storyId={story.id}
            savedKey={state.kind === 'saved' ? state.at.getTime() : null}
            decision={trashedAt === null ? permissions?.comment : { ok: false, reason: 'This story is in the trash. Restore it to comment on it.' }}
            saveFirst={async () => {
              if (readOnly) return true;
              await saver.saveNow();
              return !saver.hasUnsavedChanges;
            }}
          />
        </div>
      </div>
      {timelineOpen && <Timeline storyId={story.id} refreshKey={workflow.version} onClose={() => setTimelineOpen(false)} />}
      {historyOpen && (
        <HistoryPanel
          storyId={story.id}
          refreshKey={historyKey}
          canRestore={!readOnly}
          saveFirst={async () => {
            await saver.saveNow();
            return !saver.hasUnsavedChanges;
          }}
          onRestored={loadStored}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      <SaveStatusBar state={state} count={count} onReload={reload} onKeepMine={() => void saver.keepMine()} />
    </div>
  );
}
