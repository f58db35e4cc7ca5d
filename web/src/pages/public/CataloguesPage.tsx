import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Descriptions, Grid, List, Select, Space, Tabs, Tag } from 'antd';
import type { Dayjs } from '../../dayjs';
import '../../dayjs'; // the date picker's months and weekdays in the interface's language
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { errorText, get } from '../../api';
import { formatTime } from '../../format';
import { CATALOGUE_KINDS, CatalogueItemsTable, type CatalogueKind, type CatalogueVersion, type VersionWithItems } from '../catalogue/catalogue-view';

export function CataloguesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const kind = (useParams().kind ?? 'tradingCatalogue') as CatalogueKind;
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const date = asOf?.format('YYYY-MM-DD');
  const current = useQuery({ queryKey: ['catalogue', kind, date], queryFn: () => get<VersionWithItems>(`/api/public/catalogues/${kind}${date ? `?date=${date}` : ''}`) });
  const history = useQuery({ queryKey: ['catalogue-history', kind], queryFn: () => get<CatalogueVersion[]>(`/api/public/catalogues/${kind}/versions`) });
  return (
    <Card title={t('nav.catalogues')}>
      {phone ? (
        // Six tabs do not fit a phone, and the tabs' overflow button is not allowed inside a tab list: a labelled select instead.
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="catalogue-kind" style={{ display: 'block', marginBottom: 4 }}>
            {t('portal.catalogueKind')}
          </label>
          <Select id="catalogue-kind" value={kind} onChange={(k) => navigate(`/catalogues/${k}`)} style={{ width: '100%' }} options={CATALOGUE_KINDS.map((k) => ({ value: k, label: t(`catalogueKind.${k}`) }))} />
        </div>
      ) : (
        <Tabs activeKey={kind} onChange={(k) => navigate(`/catalogues/${k}`)} items={CATALOGUE_KINDS.map((k) => ({ key: k, label: t(`catalogueKind.${k}`) }))} />
      )}
      <Space style={{ marginBottom: 16 }}>
        {t('catalogue.asOf')}
        <DatePicker value={asOf} onChange={setAsOf} />
      </Space>
      {current.error && <Alert type="warning" showIcon title={errorText(current.error)} />}
      {current.data && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('catalogue.title')}>{current.data.title}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.version')}>{t('catalogue.versionNo', { no: current.data.versionNo })}</Descriptions.Item>
            <Descriptions.Item label={t('catalogue.effectiveFrom')}>{current.data.effectiveFrom}</Descriptions.Item>
          </Descriptions>
          <CatalogueItemsTable version={current.data} />
        </>
      )}
      <List
        header={t('catalogue.history')}
        style={{ marginTop: 24 }}
        dataSource={history.data ?? []}
        renderItem={(v) => (
          <List.Item>
            <Space>
              <Tag>{t('catalogue.versionNo', { no: v.versionNo })}</Tag>
              {v.title}
              <span>
                {t('catalogue.effectiveFrom')} {v.effectiveFrom}
              </span>
              <span>
                {t('catalogue.publishedAt')} {formatTime(v.publishedAt)}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
