import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { portalZh } from './portal';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'yiwang.language';

export function savedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
}

/**
 * The texts come in parts, each fetched when first needed: Chinese for the portal is in the shell; English
 * when first chosen; the workspace's when a workspace page is first opened (in the language then in use,
 * and in the other one too once the reader switches).
 */
type Part = 'portal' | 'workspace';
const FETCH: Record<`${Language} ${Part}`, (() => Promise<object>) | null> = {
  'zh-CN portal': null, // in the shell: i18n.init below
  'en-US portal': () =>
    Promise.all([import('./en-US'), import('./portal-en'), import('antd/es/locale/en_US')]).then(([{ enUS }, { portalEn }, antd]) => {
      antdEnUS = antd.default;
      return { ...enUS, portal: portalEn };
    }),
  'zh-CN workspace': () => import('./workspace').then((m) => m.workspaceZh),
  'en-US workspace': () => import('./workspace-en').then((m) => m.workspaceEn),
};
let antdEnUS: AntdLocale | undefined;
const wanted = new Set<Part>(['portal']);
const loaded = new Set<string>();

async function load(language: Language) {
  await Promise.all(
    [...wanted].map(async (part) => {
      const fetchTexts = FETCH[`${language} ${part}`];
      if (!fetchTexts || loaded.has(`${language} ${part}`)) return;
      // Deep, so that each part adds its namespaces to the language's one bundle.
      i18n.addResourceBundle(language, 'translation', await fetchTexts(), true, false);
      loaded.add(`${language} ${part}`);
    }),
  );
}

/** antd's own texts (pagination, empty lists, date pickers) in a language: English's come with the app's. */
export const antdLocale = (language: string): AntdLocale => (language === 'en-US' && antdEnUS) || antdZhCN;

/** Fetches the workspace's texts; the workspace layout renders once they are in. */
export function loadWorkspaceTexts(): Promise<void> {
  wanted.add('workspace');
  return load(savedLanguage());
}

export async function setLanguage(language: Language) {
  await load(language);
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { ...zhCN, portal: portalZh } } },
  partialBundledLanguages: true,
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = savedLanguage();

/** Resolves once the saved language's texts are in: the app renders after it, never in the wrong language first. */
export const i18nReady: Promise<void> = load(savedLanguage()).then(() => {
  if (i18n.language !== savedLanguage()) return void i18n.changeLanguage(savedLanguage());
});

export default i18n;
