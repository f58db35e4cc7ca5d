import { useQuery } from '@tanstack/react-query';
import { Card, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../../api';
import { useSession } from '../../session';
import { EntityDetails } from './EntitiesPage';
import type { Entity } from './types';

export function MyEntityPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const entity = useQuery({ queryKey: ['entity', session?.entity.id], queryFn: () => get<Entity>(`/api/entities/${session!.entity.id}`), enabled: Boolean(session) });
  return <Card title={t('nav.myEntity')}>{entity.data ? <EntityDetails entity={entity.data} /> : <Spin />}</Card>;
}
