import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { CLEAR_HISTORY_COMMAND } from 'lexical';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Story } from '../../shared/api/contract.ts';
import type { RevisionSnapshot } from '../../shared/api/methods/revisions.ts';
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
import { useAutosaver, type SaveTarget } from './useAutosaver.ts';
import type { SaveReply } from './autosave.ts';
import { ProposalBanners } from './proposals/ProposalBanners.tsx';
import { FieldConflicts } from './sync/FieldConflicts.tsx';
import { editorMode, modeChanged, openCount, type EditorMode } from './proposals/proposalMode.ts';
import { useProposals } from './proposals/useProposals.ts';
import { ProposalReviewDialog } from '../review/ProposalReviewDialog.tsx';
import { PolicyButton } from '../session/PolicyButton.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useStoryPermissions } from '../session/usePermissions.ts';
import { Timeline, CorrectionNote } from './workflow/Timeline.tsx';
import { WorkflowBar } from './workflow/WorkflowBar.tsx';
import { useWorkflowState } from './workflow/useWorkflowState.ts';

const STORY_MODE: EditorMode = { kind: 'story' };

export interface EditorWorkspaceProps {
  story: Story;
  /** What the editor is open for (EditorView decides before mounting it): the story, or the person's proposal on it. */
  mode?: EditorMode;
  /** Asks for a new editor: the mode must change (or the person chose to propose changes). */
  onReopen?: (options?: { propose?: boolean }) => void;
}

/** Everything around the body: header, headline and standfirst, toolbar, status bar. */
export function EditorWorkspace({ story, mode = STORY_MODE, onReopen }: EditorWorkspaceProps) {
  const api = useApi();
  const notice = useNotice();
  const { profile } = useSession();
  const [editor] = useLexicalComposerContext();
  const proposing = mode.kind === 'proposal';
  const draft = mode.kind === 'proposal' ? mode.draft : null;
  // In proposal mode with a draft, the editor holds the draft's text (EditorView seeded the body with it).
  const initial = draft ? draft.snapshot : story;
  const [fields, setFields] = useState({ headline: initial.headline, standfirst: initial.standfirst });
  const fieldsRef = useRef(fields);
  const [header, setHeader] = useState<StoryHeaderValue>(() => ({ dateline: initial.dateline, byline: toBylineRows(initial.byline) }));
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
  const proposeRefused = permissions && !permissions.propose.ok ? permissions.propose.reason : null;
  // The proposals on this story, for the header's button and the proposer's "waiting" banner.
  const proposals = useProposals(story.id);
  const [reviewing, setReviewing] = useState<{ initialId: string | null } | null>(null);
  // The person's draft proposal once it exists (the first proposal save creates it).
  const proposalIdRef = useRef<string | null>(draft?.id ?? null);
  const onSaved = useCallback((reply: SaveReply) => {
    if (reply.proposalId !== undefined) proposalIdRef.current = reply.proposalId;
  }, []);

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
    if (trashedAt !== null || proposing) return;
    api
      .invoke('revisions.checkpoint', { storyId: story.id, kind: 'save' })
      .then(() => setHistoryKey((n) => n + 1))
      .catch((error: unknown) => notice.show({ message: `Saved, but this version was not added to History. ${errorMessage(error)}`, tone: 'error' }));
  }, [api, notice, proposing, story.id, trashedAt]);
  // A proposal saves into the person's draft: its first save names the story's revision it started from,
  // later ones the draft's own save counter. Ctrl+S saves it but makes no checkpoint of the story.
  const [target] = useState<SaveTarget>(() =>
    proposing
      ? { method: 'proposals.save', revision: draft?.draftRevision ?? story.revision, savedAt: new Date(draft?.updatedAt ?? story.updatedAt) }
      : { method: 'stories.save', revision: story.revision, savedAt: new Date(story.updatedAt) },
  );
  const { saver, state } = useAutosaver(api, story, snapshot, proposing ? undefined : checkpoint, target, onSaved);

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

  /** Puts a stored version's text into the editor (not an edit: nothing is saved because of it). */
  const show = useCallback(
    (stored: Pick<RevisionSnapshot, 'headline' | 'standfirst' | 'dateline' | 'byline' | 'body'>) => {
      editor.setEditorState(editor.parseEditorState(JSON.stringify(stripUnsafeLinks(stored.body))), { tag: SKIP_AUTOSAVE_TAG });
      editor.dispatchCommand(CLEAR_HISTORY_COMMAND, undefined);
      fieldsRef.current = { headline: stored.headline, standfirst: stored.standfirst };
      setFields(fieldsRef.current);
      headerRef.current = { dateline: stored.dateline, byline: toBylineRows(stored.byline) };
      setHeader(headerRef.current);
    },
    [editor],
  );

  /** Replaces what is in the editor with the stored version: the story's, or in proposal mode the person's draft (the story's until there is one). */
  const loadStored = useCallback(async () => {
    if (proposing) {
      const { proposal } = await api.invoke('proposals.mine', { storyId: story.id });
      if (proposal) {
        show(proposal.snapshot);
        proposalIdRef.current = proposal.id;
        saver.reset(proposal.draftRevision, new Date(proposal.updatedAt));
        return;
      }
      proposalIdRef.current = null;
    }
    const stored = await api.invoke('stories.get', { id: story.id });
    show(stored);
    setTrashedAt(stored.trashedAt);
    saver.reset(stored.revision, new Date(stored.updatedAt));
  }, [api, proposing, saver, show, story.id]);

  // Saved in another window (or a proposal accepted into it) while this one has nothing pending: show that
  // version. A proposal's own text is the proposer's: only a proposal not started yet follows the story.
  useEffect(
    () =>
      api.on('story.changed', ({ id, revision }) => {
        if (id !== story.id || saver.hasUnsavedChanges) return;
        if (proposing ? proposalIdRef.current !== null : revision <= saver.currentRevision) return;
        loadStored().catch(() => undefined);
      }),
    [api, loadStored, proposing, saver, story.id],
  );

  // Trashed, or not this person's to change: in proposal mode the policy's 'propose', else its 'edit'
  // (the backend refuses such saves with the same reason).
  const readOnly = trashedAt !== null || (proposing ? proposeRefused !== null : editRefused !== null);
  useEffect(() => {
    editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  // The person, the story's state or its people changed so that the editor must work in another mode
  // (someone who may only propose switched in, the story was published under a proposer…): a new editor.
  const reopening = useRef(false);
  // Whom the policy's answers are for: right after a switch they are still the previous person's.
  const answered = useRef<{ permissions: typeof permissions; personId: string | null }>({ permissions: null, personId: null });
  const personId = profile?.id ?? null;
  const workflowKnown = workflow.version > 0;
  const { ownerId, assigneeId } = workflow.state;
  useEffect(() => {
    if (answered.current.permissions !== permissions) answered.current = { permissions, personId };
    if (!onReopen || permissions === null || personId === null || !workflowKnown || reopening.current) return;
    if (answered.current.personId !== personId) return;
    const chosen = mode.kind === 'proposal' && mode.proposerId === personId;
    const wanted = editorMode({ personId, decisions: permissions, ownerId, assigneeId, draft: null, chosen });
    if (!modeChanged(mode, wanted)) return;
    reopening.current = true;
    onReopen();
  }, [assigneeId, mode, onReopen, ownerId, permissions, personId, workflowKnown]);

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

  /** Saves the editor before something that reads the stored story; true when nothing is left unsaved. */
  const saveStoryFirst = async (): Promise<boolean> => {
    // Read-only or proposing: nothing of the story's own is pending here.
    if (readOnly || proposing) return true;
    await saver.saveNow();
    return !saver.hasUnsavedChanges;
  };
  const openProposals = openCount(proposals.items ?? []);

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
            beforeMove={saveStoryFirst}
            onMoved={(state) => {
              workflow.update(state);
              setHistoryKey((n) => n + 1);
            }}
          />
        ) : (
          <span className={`status-pill status-pill--${workflow.state.status}`}>{STATUS_LABELS[workflow.state.status]}</span>
        )}
        <span className="editor-top__spacer" />
        {proposals.items !== null && proposals.items.length > 0 && (
          <button type="button" className="button button--quiet proposals-button" aria-haspopup="dialog" onClick={() => setReviewing({ initialId: null })}>
            Proposals
            {openProposals > 0 && ' '}
            {openProposals > 0 && (
              <span className="proposals-button__count">
                {openProposals}
                <span className="visually-hidden"> open</span>
              </span>
            )}
          </button>
        )}
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
        <ExportStoryButton storyId={story.id} beforeExport={() => (readOnly || proposing ? Promise.resolve() : saver.saveNow())} />
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
        {trashedAt === null && (
          <ProposalBanners
            mode={mode}
            editRefused={editRefused}
            proposeRefused={proposeRefused}
            ownerId={ownerId}
            getProposalId={() => proposalIdRef.current}
            proposals={proposals.items}
            saver={saver}
            onReopen={onReopen}
            onView={(id) => setReviewing({ initialId: id })}
          />
        )}
        {trashedAt === null && !proposing && <FieldConflicts storyId={story.id} readOnly={readOnly} beforeResolve={saveStoryFirst} />}
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
            // In proposal mode a comment anchors to the story's own text; saving the proposal would not put it there.
            saveFirst={saveStoryFirst}
          />
        </div>
      </div>
      {timelineOpen && <Timeline storyId={story.id} refreshKey={workflow.version} onClose={() => setTimelineOpen(false)} />}
      {historyOpen && (
        <HistoryPanel
          storyId={story.id}
          refreshKey={historyKey}
          canRestore={!readOnly && !proposing}
          saveFirst={async () => {
            await saver.saveNow();
            return !saver.hasUnsavedChanges;
          }}
          onRestored={loadStored}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      {reviewing && (
        <ProposalReviewDialog proposals={proposals.items} initialId={reviewing.initialId} saveFirst={saveStoryFirst} onClose={() => setReviewing(null)} />
      )}
      <SaveStatusBar state={state} count={count} onReload={reload} onKeepMine={() => void saver.keepMine()} />
    </div>
  );
}
