// First: configures zod before any schema module runs (no eval under the CSP).
import './app/configureZod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles/wall.css';
import './styles/trends.css';
import './styles/exports.css';
import './styles/report.css';

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
