import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, get } from '../api';
import { formatTime } from '../format';

export interface Message {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** My messages in my language; the query key carries the language so a switch refetches. */
export function useInbox() {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['inbox', i18n.language], queryFn: () => get<{ unread: number; items: Message[] }>('/api/inbox'), refetchInterval: 30_000 });
}

/** The bell in the header: how many unread messages, a click opens the workbench. */
export function InboxBell() {
  const { t } = useTranslation();
  const inbox = useInbox();
  return (
    <Link to="/workspace" aria-label={t('workbench.inbox')} data-testid="inbox-bell">
      <Badge count={inbox.data?.unread ?? 0} size="small">
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}

export function InboxCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['inbox'] });
  async function open(m: Message) {
    if (!m.readAt) await api('POST', `/api/inbox/${m.id}/read`).catch(() => undefined);
    await refresh();
    if (m.link) navigate(m.link);
  }
  return (
    <Card
      title={t('workbench.inbox')}
      data-testid="inbox"
      extra={
        (inbox.data?.unread ?? 0) > 0 && (
          <Button size="small" onClick={() => void api('POST', '/api/inbox/read-all').then(refresh)}>
            {t('workbench.markAllRead')}
          </Button>
        )
      }
    >
      <List
        size="small"
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(m) => (
          <List.Item extra={<Typography.Text type="secondary">{formatTime(m.createdAt)}</Typography.Text>}>
            <List.Item.Meta
              title={
                <a onClick={() => void open(m)} data-testid="inbox-item" style={{ fontWeight: m.readAt ? 'normal' : 600 }}>
                  {!m.readAt && <Badge status="error" style={{ marginRight: 6 }} />}
                  {m.title}
                </a>
              }
              description={m.body}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
