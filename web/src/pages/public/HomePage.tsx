import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api';
import type { CatalogueKind, CatalogueVersion } from '../catalogue/catalogue-view';

export function HomePage() {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: ['catalogues'], queryFn: () => get<{ kind: CatalogueKind; current: CatalogueVersion | null; itemCount: number }[]>('/api/public/catalogues') });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card style={{ background: 'linear-gradient(120deg, #fff5f5, #fff)' }}>
        <Typography.Title level={2}>{t('home.heading')}</Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16, maxWidth: 760 }}>{t('home.intro')}</Typography.Paragraph>
        <Space>
          <Link to="/login">
            <Button type="primary" size="large">
              {t('home.signIn')}
            </Button>
          </Link>
          <Link to="/register">
            <Button size="large">{t('home.registerEntity')}</Button>
          </Link>
        </Space>
      </Card>
      <Card title={t('home.cataloguesTitle')}>
        <Row gutter={[16, 16]}>
          {(overview.data ?? []).map((c) => (
            <Col key={c.kind} xs={24} sm={12} md={8}>
              <Link to={`/catalogues/${c.kind}`}>
                <Card hoverable size="small">
                  <Statistic title={t(`catalogueKind.${c.kind}`)} value={c.itemCount} suffix={t('home.items')} />
                  <Typography.Text type="secondary">
                    {c.current ? `${t('catalogue.versionNo', { no: c.current.versionNo })} · ${t('catalogue.effectiveFrom')} ${c.current.effectiveFrom}` : t('catalogue.noVersion')}
                  </Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
    </Space>
  );
}
