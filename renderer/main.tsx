import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.ts';
import { ApiProvider } from './api/context.tsx';
import App from './App.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/library.css';
import './styles/editor.css';
import './styles/header.css';
import './styles/settings.css';
import './styles/sections.css';
import './styles/session.css';

const container = document.getElementById('root');
if (!container) throw new Error('Copydesk: #root is missing from index.html');

// Created before the first render so the browser-mode token leaves the URL at once.
const api = createApi();

createRoot(container).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
