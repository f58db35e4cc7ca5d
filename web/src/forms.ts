import dayjs from 'dayjs';
import { shanghaiInstant } from '../../src/platform/calendar/calendar';

/** Form.Item props that keep a date field's value as 'YYYY-MM-DD' while showing a DatePicker. */
export const dateStringField = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (date?: dayjs.Dayjs | null) => (date ? date.format('YYYY-MM-DD') : undefined),
};

/** What the user picked, read as Beijing time whatever the browser's own time zone (the law counts in it). */
export const beijingTime = (picked: dayjs.Dayjs) => shanghaiInstant(picked.format('YYYY-MM-DD'), picked.format('HH:mm')).toISOString();
