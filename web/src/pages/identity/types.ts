export interface Entity {
  id: string;
  creditCode: string;
  name: string;
  entityType: string;
  regionCode: string;
  smeSize: 'medium' | 'small' | 'micro' | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string | null;
  address: string;
  status: 'pending' | 'active' | 'rejected' | 'suspended';
  statusReason: string | null;
  registeredAt: string;
  revision: number;
}

export interface Person {
  id: string;
  entityId: string;
  entityName: string;
  username: string;
  displayName: string;
  mobile: string | null;
  email: string | null;
  roles: string[];
  isEntityAdmin: boolean;
  status: 'active' | 'disabled';
  secondFactorEnrolled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  /** Locked after failed sign-ins, until then. */
  lockedUntil?: string | null;
  revision: number;
}

export const ENTITY_STATUS_COLORS = { pending: 'gold', active: 'green', rejected: 'red', suspended: 'default' } as const;
