import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../action';
import { api, get } from '../../api';
import type dayjs from '../../dayjs';
import { formatTime } from '../../format';
import { beijingTime } from '../../forms';
import { formatYuan, yuanToFen } from '../../money';
import { RuleRef } from '../../components/RuleRef';

type ChangeKind = 'technical' | 'service' | 'contractTerms';
interface Change {
  id: string;
  changeNo: number;
  kind: ChangeKind;
  text: string;
  proposedAt: string;
  proposedBy: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  receivedAt: string | null;
  receipts: { supplierName: string; receivedAt: string | null }[] | null;
  mayConfirm: boolean;
}
interface Offer {
  amountFen: number;
  statement: string | null;
  submittedAt: string;
}
interface LotRounds {
  lotId: string;
  lotNo: number;
  title: string;
  changes: Change[];
  finalOffers: { deadline: string; open: boolean; offers: { supplierName: string; amountFen: number | null; submittedAt: string | null }[] | null; mine: Offer | null } | null;
  actions: { proposeChange: boolean; callFinalOffers: boolean; giveFinalOffer: boolean };
}
interface Rounds {
  ruleIds: { changeRuleId: string; finalOffersRuleId: string } | null;
  lots: LotRounds[];
}

/**
 * 磋商/谈判 rounds (CS-04..06, NG-03..05), one card for everyone concerned, each seeing what the
 * server lets them: the chair proposes changes and calls for final offers, the purchaser's
 * representative confirms a change, a supplier acknowledges it and gives its final offer.
 */
export function RoundsCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const rounds = useQuery({ queryKey: ['rounds', projectId], queryFn: () => get<Rounds>(`/api/projects/${projectId}/rounds`), refetchInterval: 5000, retry: false });
  const r = rounds.data;
  if (!r?.ruleIds || r.lots.length === 0) return null;
  return (
    <Card title={t('rounds.title')} data-testid="rounds-card">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {r.lots.map((lot) => (
          <LotRoundsView key={lot.lotId} projectId={projectId} lot={lot} ruleIds={r.ruleIds!} />
        ))}
      </Space>
    </Card>
  );
}

function LotRoundsView({ projectId, lot, ruleIds }: { projectId: string; lot: LotRounds; ruleIds: NonNullable<Rounds['ruleIds']> }) {
  const { t } = useTranslation();
  const call = useAction(['rounds', projectId]);
  const [kind, setKind] = useState<ChangeKind>('technical');
  const [text, setText] = useState('');
  const [deadline, setDeadline] = useState<dayjs.Dayjs | null>(null);
  const [amount, setAmount] = useState('');
  const f = lot.finalOffers;
  return (
    <Card type="inner" size="small" title={`${t('trading.lot')} ${lot.lotNo} · ${lot.title}`}>
      <Typography.Title level={5}>
        {t('rounds.changes')} <RuleRef id={ruleIds.changeRuleId} />
      </Typography.Title>
      {lot.changes.length === 0 && <Typography.Text type="secondary">{t('rounds.noChanges')}</Typography.Text>}
      <List
        dataSource={lot.changes}
        renderItem={(c) => (
          <List.Item data-testid="requirement-change">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{t('rounds.changeNo', { no: c.changeNo, kind: t(`rounds.kinds.${c.kind}`) })}</Typography.Text>
                {!c.confirmedAt && <Tag color="orange">{t('rounds.awaitingConfirmation')}</Tag>}
              </Space>
              {c.confirmedAt && <Typography.Text type="success">{t('rounds.confirmed', { at: formatTime(c.confirmedAt), by: c.confirmedBy ?? '' })}</Typography.Text>}
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{c.text}</Typography.Paragraph>
              {c.receipts && c.confirmedAt && (
                <Typography.Text type="secondary" data-testid="change-receipts">
                  {c.receipts.map((x) => `${x.supplierName}：${x.receivedAt ? t('rounds.receivedAt', { at: formatTime(x.receivedAt) }) : t('rounds.notReceived')}`).join('；')}
                </Typography.Text>
              )}
              {c.mayConfirm && (
                <Button type="primary" data-testid="confirm-change" onClick={() => call(() => api('POST', `/api/requirement-changes/${c.id}/confirmation`), t('rounds.sent'))}>
                  {t('rounds.confirm')}
                </Button>
              )}
              {c.receipts === null &&
                (c.receivedAt ? (
                  <Typography.Text type="secondary">{t('rounds.receivedAt', { at: formatTime(c.receivedAt) })}</Typography.Text>
                ) : (
                  <Button data-testid="acknowledge-change" onClick={() => call(() => api('POST', `/api/requirement-changes/${c.id}/receipt`))}>
                    {t('rounds.acknowledge')}
                  </Button>
                ))}
            </Space>
          </List.Item>
        )}
      />
      {lot.actions.proposeChange && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Select<ChangeKind> style={{ width: 200 }} value={kind} onChange={setKind} data-testid="change-kind" options={(['technical', 'service', 'contractTerms'] as const).map((k) => ({ value: k, label: t(`rounds.kinds.${k}`) }))} />
          <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('rounds.changePlaceholder')} data-testid="change-text" />
          <Button
            data-testid="propose-change"
            disabled={text.trim().length < 4}
            onClick={async () => {
              if (await call(() => api('POST', `/api/projects/${projectId}/lots/${lot.lotId}/requirement-changes`, { kind, text }), t('rounds.proposed'))) setText('');
            }}
          >
            {t('rounds.propose')}
          </Button>
        </Space>
      )}

      <Typography.Title level={5}>
        {t('rounds.finalOffers')} <RuleRef id={ruleIds.finalOffersRuleId} />
      </Typography.Title>
      {lot.actions.callFinalOffers && (
        <Space wrap>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={deadline} onChange={setDeadline} placeholder={t('rounds.deadline')} data-testid="final-offer-deadline" />
          <Button type="primary" data-testid="call-final-offers" disabled={!deadline} onClick={() => call(() => api('POST', `/api/projects/${projectId}/lots/${lot.lotId}/final-offer-call`, { deadline: beijingTime(deadline!) }), t('rounds.called'))}>
            {t('rounds.call')}
          </Button>
        </Space>
      )}
      {!f && !lot.actions.callFinalOffers && <Typography.Text type="secondary">{t('rounds.notCalled')}</Typography.Text>}
      {f && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text data-testid="final-offer-deadline-text">{t(f.open ? 'rounds.closedAt' : 'rounds.dueBy', { at: formatTime(f.deadline) })}</Typography.Text>
          {!f.open && f.offers === null && !lot.actions.giveFinalOffer && !f.mine && <Alert type="info" title={t('rounds.sealed')} />}
          {f.mine && <Typography.Text data-testid="my-final-offer">{t('rounds.mine', { amount: formatYuan(f.mine.amountFen), at: formatTime(f.mine.submittedAt) })}</Typography.Text>}
          {lot.actions.giveFinalOffer && (
            <Space wrap>
              <Input style={{ width: 220 }} addonAfter="元" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={t('rounds.amount')} data-testid="final-offer-amount" />
              <Button type="primary" data-testid="give-final-offer" disabled={yuanToFen(amount) === null} onClick={() => call(() => api('PUT', `/api/projects/${projectId}/lots/${lot.lotId}/final-offer`, { amountFen: yuanToFen(amount) }), t('rounds.given'))}>
                {f.mine ? t('rounds.replace') : t('rounds.give')}
              </Button>
            </Space>
          )}
          {f.open && f.offers && (
            <Table
              size="small"
              rowKey="supplierName"
              pagination={false}
              scroll={{ x: true }}
              dataSource={f.offers}
              data-testid="final-offers"
              columns={[
                { title: t('evaluation.bidder'), dataIndex: 'supplierName' },
                { title: t('rounds.amount'), dataIndex: 'amountFen', render: (v: number | null) => (v === null ? <Tag color="red">{t('rounds.none')}</Tag> : `${formatYuan(v)} 元`) },
                { title: t('rounds.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
