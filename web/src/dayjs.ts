import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from './i18n';

/**
 * dayjs, its global locale following the interface's language: date pickers and calendars name months and
 * weekdays with it. Only the pages with dates load it (a visitor's first page has none), so a module that
 * shows a date picker or a calendar imports dayjs from here, not from 'dayjs' (forms.ts does, for its users).
 */
const follow = (language: string) => void dayjs.locale(language === 'en-US' ? 'en' : 'zh-cn');
follow(i18n.language);
i18n.on('languageChanged', follow);

export default dayjs;
export type { Dayjs } from 'dayjs';
