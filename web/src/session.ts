import { useQuery } from '@tanstack/react-query';
import { get } from './api';

export type Role =
  | 'purchaser'
  | 'supplier'
  | 'agency'
  | 'expert'
  | 'authority'
  | 'supervisor'
  | 'treasury'
  | 'operator'
  | 'guarantor'
  | 'financier'
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

/** The signed-in person, or null (the server answers null, not an error). The server decides everything; this only shapes the UI. */
export const fetchSession = () => get<Session | null>('/api/session');

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: fetchSession });
}

export const hasRole = (session: Session | null | undefined, roles: readonly Role[]) => Boolean(session?.person.roles.some((r) => roles.includes(r)));
