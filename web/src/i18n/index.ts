import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { portalZh } from './portal';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'yiwang.language';

export function savedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
}

/** English is fetched when first chosen: a Chinese reader's first page does not download it. */
async function load(language: Language) {
  if (language === 'en-US' && !i18n.hasResourceBundle('en-US', 'translation')) {
    const [{ enUS }, { portalEn }] = await Promise.all([import('./en-US'), import('./portal-en')]);
    i18n.addResourceBundle('en-US', 'translation', { ...enUS, portal: portalEn });
  }
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
