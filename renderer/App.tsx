import { useCallback, useEffect, useState } from 'react';
import { useApi } from './api/context.tsx';
import { errorMessage } from './api/errors.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { NoticeProvider, useNotice } from './components/Notice.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { navigate, routeKey, useRoute, type Route } from './hooks/useRoute.ts';
import EditorView from './views/EditorView.tsx';
import LibraryView from './views/LibraryView.tsx';
import SettingsView from './views/SettingsView.tsx';
import TrashView from './views/TrashView.tsx';
import ConflictsView from './views/ConflictsView.tsx';
import ImportDialog from './views/ImportDialog.tsx';
import { SessionProvider } from './session/SessionContext.tsx';
import { WhoIsWriting } from './session/ProfileForm.tsx';
import { SyncProvider } from './sync/SyncContext.tsx';

export default function App() {
  // Signing in to the hub or out of it changes who is writing: the session is read afresh (a new key).
  const [sessionKey, setSessionKey] = useState(0);
  const onAccountChange = useCallback(() => setSessionKey((key) => key + 1), []);
  return (
    <NoticeProvider>
      <SyncProvider onAccountChange={onAccountChange}>
        {/* First run asks who is writing; the backend refuses every edit until someone is chosen. */}
        <SessionProvider key={sessionKey}>{(session) => (session.profile ? <Shell /> : <WhoIsWriting />)}</SessionProvider>
      </SyncProvider>
    </NoticeProvider>
  );
}

function Shell() {
  const route = useRoute();
  const createStory = useCreateStory();
  const [importing, setImporting] = useState(false);
  useDocumentTitle(route);

  return (
    <div className="app">
      <Sidebar route={route} onNewStory={createStory.run} creating={createStory.busy} onImport={() => setImporting(true)} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} />
      <main className="main" id="main">
        <ErrorBoundary key={routeKey(route)}>
          <View route={route} onNewStory={createStory.run} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function View({ route, onNewStory }: { route: Route; onNewStory: () => void }) {
  switch (route.name) {
    case 'library':
      return <LibraryView onNewStory={onNewStory} />;
    case 'trash':
      return <TrashView />;
    case 'conflicts':
      return <ConflictsView />;
    case 'settings':
      return <SettingsView />;
    case 'story':
      return <EditorView key={route.id} id={route.id} />;
  }
}

/** Creates an empty story and opens it; a failure is shown as a notice. */
function useCreateStory() {
  const api = useApi();
  const notice = useNotice();
  const [busy, setBusy] = useState(false);
  const run = useCallback(() => {
    if (busy) return;
    setBusy(true);
    api
      .invoke('stories.create', {})
      .then((story) => navigate({ name: 'story', id: story.id }))
      .catch((error: unknown) => notice.show({ message: `The story was not created. ${errorMessage(error)}`, tone: 'error' }))
      .finally(() => setBusy(false));
  }, [api, busy, notice]);
  return { run, busy };
}

function useDocumentTitle(route: Route) {
  useEffect(() => {
    if (route.name === 'library') document.title = 'Library · Copydesk';
    else if (route.name === 'trash') document.title = 'Trash · Copydesk';
    else if (route.name === 'conflicts') document.title = 'Conflicts · Copydesk';
    else if (route.name === 'settings') document.title = 'Settings · Copydesk';
    // The editor names the window after the story itself.
  }, [route]);
}
