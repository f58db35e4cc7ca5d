import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from './api';

export type Role =
  | 'purchaser'
  | 'supplier'
  | 'agency'
  | 'expert'
  | 'authority'
  | 'supervisor'
  | 'treasury'
  | 'operator'
  | 'systemAdmin'
  | 'securityAdmin'
  | 'auditAdmin';

export interface Session {
  stage: 'secondFactor' | 'active';
  mustChangePassword: boolean;
  secondFactorEnrolled: boolean;
  person: { id: string; username: string; displayName: string; roles: Role[]; isEntityAdmin: boolean };
  entity: { id: string; name: string; entityType: string; regionCode: string };
}

/** The signed-in person, or null. The server decides everything; this only shapes the UI. */
export function useSession() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await get<Session>('/api/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

export const hasRole = (session: Session | null | undefined, roles: readonly Role[]) => Boolean(session?.person.roles.some((r) => roles.includes(r)));
