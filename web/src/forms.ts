import type { KeyboardEvent } from 'react';
import dayjs from './dayjs';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';

/** Form.Item props that keep a date field's value as 'YYYY-MM-DD' while showing a DatePicker. */
export const dateStringField = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (date?: dayjs.Dayjs | null) => (date ? date.format('YYYY-MM-DD') : undefined),
};

/** What the user picked, read as Beijing time whatever the browser's own time zone (the law counts in it). */
export const beijingTime = (picked: dayjs.Dayjs) => shanghaiInstant(picked.format('YYYY-MM-DD'), picked.format('HH:mm')).toISOString();

/**
 * Form props: Enter in a date field confirms the date and nothing more. Without this the browser
 * also submits the form around it (a contract drafted, a committee drawn) before the rest is read.
 */
export const enterPicksDateOnly = {
  onKeyDown: (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
  },
};
