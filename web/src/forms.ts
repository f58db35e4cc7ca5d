import dayjs from 'dayjs';

/** Form.Item props that keep a date field's value as 'YYYY-MM-DD' while showing a DatePicker. */
export const dateStringField = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (date?: dayjs.Dayjs | null) => (date ? date.format('YYYY-MM-DD') : undefined),
};
