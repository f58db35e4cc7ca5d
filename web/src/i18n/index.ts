import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS } from './en-US';
import { portalEn, portalZh } from './portal';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'yiwang.language';

export function savedLanguage(): Language {
  return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
}

export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { ...zhCN, portal: portalZh } }, 'en-US': { translation: { ...enUS, portal: portalEn } } },
  lng: savedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = savedLanguage();

export default i18n;
