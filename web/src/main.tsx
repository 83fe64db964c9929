// Browser entry: mounts the app into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element to mount the dashboard into');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
