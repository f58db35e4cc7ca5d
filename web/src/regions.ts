import { useQuery } from '@tanstack/react-query';
import { get } from './api';

export interface Region {
  code: string;
  nameZh: string;
  nameEn: string;
  level: string;
  parentCode: string | null;
}

export const useRegions = () => useQuery({ queryKey: ['regions'], queryFn: () => get<Region[]>('/api/public/regions'), staleTime: Infinity });
