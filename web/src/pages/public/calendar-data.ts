import { useQuery } from '@tanstack/react-query';
import { get } from '../../api';
// The same pure calendar the server counts with, so what people see is what deadlines use.
import { buildCalendar, type HolidaySchedule } from '../../../../src/platform/calendar/calendar';

export type StoredSchedule = HolidaySchedule & { revision: number; enteredAt: string };

export function useCalendar() {
  return useQuery({
    queryKey: ['calendar'],
    queryFn: async () => {
      const data = await get<{ coveredThrough: number | null; today: string; schedules: StoredSchedule[] }>('/api/public/calendar');
      return { ...data, calendar: buildCalendar(data.schedules) };
    },
  });
}
