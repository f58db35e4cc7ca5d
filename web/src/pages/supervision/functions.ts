import { useQuery } from '@tanstack/react-query';
import { get } from '../../api';
import { hasRole, type Session } from '../../session';

/** The supervision functions the security administrator turns on or off per role (src/supervision/functions). */
export const SUPERVISION_FUNCTIONS = ['dashboard', 'alerts', 'investigation', 'network', 'credit', 'creditMeasures', 'screeningQueue', 'reports'] as const;
export type SupervisionFunction = (typeof SUPERVISION_FUNCTIONS)[number];
/** The roles whose functions are set (监管功能设置): the others never see a supervision page. */
export const SUPERVISION_ROLES = ['supervisor', 'authority', 'operator'] as const;
export type SupervisionRole = (typeof SUPERVISION_ROLES)[number];

export const MY_FUNCTIONS_KEY = ['my-functions'];

/**
 * The functions the signed-in person's roles have, asked once per session (the security administrator's
 * save invalidates it; signing out clears every query). Empty for anyone without a supervision role.
 */
export function useMyFunctions(session: Session | null | undefined) {
  const enabled = hasRole(session, SUPERVISION_ROLES);
  return useQuery({
    queryKey: [...MY_FUNCTIONS_KEY, session?.person.id],
    queryFn: () => get<SupervisionFunction[]>('/api/supervision/my-functions'),
    enabled,
    staleTime: Infinity,
  });
}
