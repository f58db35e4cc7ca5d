import { useQuery } from '@tanstack/react-query';
import { get } from '../../api';
import type { Indicator } from './types';

/** The declared red-flag indicators (code, basis, strength, name, explanation): fixed while the app runs. */
export const useIndicators = (enabled = true) => useQuery({ queryKey: ['indicators'], queryFn: () => get<Indicator[]>('/api/supervision/indicators'), staleTime: Infinity, enabled });
