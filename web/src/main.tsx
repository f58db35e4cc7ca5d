import { createRoot } from 'react-dom/client';
import { App } from './App';
import { i18nReady } from './i18n';

void i18nReady.then(() => createRoot(document.getElementById('root')!).render(<App />));
