import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installScrollableRegionFocus } from './a11y';
import { i18nReady } from './i18n';

installScrollableRegionFocus();

void i18nReady.then(() => createRoot(document.getElementById('root')!).render(<App />));
