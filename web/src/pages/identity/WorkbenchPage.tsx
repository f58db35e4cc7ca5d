import { ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { get } from '../../api';
import { InboxCard } from '../../layout/Inbox';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { WORKSPACE_MENU } from '../../menu';
import { hasRole, useSession } from '../../session';

export function WorkbenchPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  if (!session) return null;
  const links = WORKSPACE_MENU.filter((m) => m.key !== 'workbench' && m.visible(session));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} data-testid="welcome">
          {t('workbench.welcome', { name: session.person.displayName })}
        </Typography.Title>
        <Descriptions column={1}>
          <Descriptions.Item label={t('workbench.entity')}>{session.entity.name}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.roles')}>
            {session.person.roles.map((r) => (
              <Tag key={r} color="red">
                {t(`role.${r}`)}
              </Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('workbench.quickLinks')}>
        <Row gutter={[16, 16]}>
          {links.map((m) => (
            <Col key={m.key} xs={12} md={6}>
              <Link to={m.path}>
                <Card hoverable size="small">
                  <Space>
                    {m.icon}
                    {t(m.labelKey)}
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      <SubPlatformLinks />
      <InboxCard />
      {/* Only payment is still missing; say so to those it concerns. */}
      {hasRole(session, ['purchaser', 'supplier', 'treasury']) && <Alert type="info" showIcon title={t('workbench.paymentNotYet')} data-testid="payment-not-yet" />}
    </Space>
  );
}

/** The sub-platforms one enters with the platform's sign-in (single sign-on): no second password there. */
function SubPlatformLinks() {
  const { t } = useTranslation();
  const { data } = useQuery({ queryKey: ['sso-sub-platforms'], queryFn: () => get<{ clientId: string; name: string; url: string }[]>('/api/sso/sub-platforms') });
  if (!data?.length) return null;
  return (
    <Card title={t('workbench.subPlatforms')} data-testid="sub-platforms">
      <Typography.Paragraph type="secondary">{t('workbench.subPlatformsHint')}</Typography.Paragraph>
      <Space direction="vertical">
        {data.map((p) => (
          <a key={p.clientId} href={p.url} data-testid="sub-platform-link">
            <ExportOutlined /> {p.name}
          </a>
        ))}
      </Space>
    </Card>
  );
}
