import { createRoot } from 'react-dom/client';
import { App } from './App';
import './i18n';
import { installScrollableRegionFocus } from './a11y';

installScrollableRegionFocus();

createRoot(document.getElementById('root')!).render(<App />);
