// First: it configures zod before any module builds a schema.
import './zodWithoutEval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './index.css';
import { registerServiceWorker } from './offline/registerServiceWorker.ts';
import { createSessionStore } from './session/sessionStore.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App sessions={createSessionStore()} />
  </StrictMode>,
);
registerServiceWorker();
