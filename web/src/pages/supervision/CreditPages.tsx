import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Form, Grid, Input, List, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAction } from '../../action';
import { api, errorText, get } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import { hasRole, useSession } from '../../session';
import { AlertStatusTag } from './AlertsPage';
import { useMyFunctions } from './functions';
import { alertPath, inLanguage, type AlertSummary, type CreditFile, type CreditMeasure, type DishonestImport } from './types';

const DISHONEST_HEADER = '统一社会信用代码,名称,列入日期,移出日期,列入事由,认定部门';
const DISHONEST_EXAMPLE = `${DISHONEST_HEADER}\n91310000XXXXXXXXXX,上海某某有限公司,2026-03-01,2029-02-28,拖欠农民工工资情节严重,上海市人力资源和社会保障局`;

/** A measure's state as a tag: in force (red), lifted early, or outside its period. */
function MeasureState({ m }: { m: CreditMeasure }) {
  const { t } = useTranslation();
  if (m.liftedAt) return <Tag data-testid="measure-state">{t('supervision.credit.lifted')}</Tag>;
  return (
    <Tag color={m.inForce ? 'red' : 'default'} data-testid="measure-state">
      {t(m.inForce ? 'supervision.credit.inForce' : 'supervision.credit.notInForce')}
    </Tag>
  );
}

/**
 * Credit measures, each with its basis (rule and citation), what it bars, its period, its reason and
 * whether it is in force; `onLift` adds the button to lift one early. On a phone, one card each.
 */
function Measures({ measures, onLift }: { measures: CreditMeasure[]; onLift?: (m: CreditMeasure) => void }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const details = (m: CreditMeasure) => [
    { key: 'scope', label: t('supervision.credit.scopeLabel'), children: t(`supervision.credit.scope.${m.scope}`) },
    { key: 'basis', label: t('supervision.credit.basis'), children: <RuleRef id={m.ruleId} /> },
    { key: 'period', label: t('supervision.credit.period'), children: <span data-testid="measure-period">{t('supervision.credit.periodValue', { startsOn: m.startsOn, endsOn: m.endsOn })}</span> },
    { key: 'reason', label: t('supervision.credit.reason'), children: <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.reason}</span> },
    {
      key: 'source',
      label: t('supervision.credit.source'),
      children: m.sourceType === 'alert' && onLift ? <Link to={alertPath(m.sourceId)}>{t('supervision.credit.sources.alert')}</Link> : t(`supervision.credit.sources.${m.sourceType}`),
    },
    ...(m.liftedAt ? [{ key: 'lifted', label: t('supervision.credit.lifted'), children: t('supervision.credit.liftedDetail', { at: formatTime(m.liftedAt), reason: m.liftReason ?? '' }) }] : []),
  ];
  if (measures.length === 0) return <Empty description={t('supervision.credit.noMeasures')} />;
  if (phone || !onLift)
    return (
      <List
        dataSource={measures}
        data-testid="measures"
        renderItem={(m) => (
          <List.Item key={m.id} data-testid="measure" style={{ display: 'block' }}>
            <Space wrap style={{ marginBottom: 8 }}>
              <MeasureState m={m} />
              <Typography.Text strong>{t(`supervision.credit.scope.${m.scope}`)}</Typography.Text>
              {onLift && !m.liftedAt && (
                <Button size="small" onClick={() => onLift(m)} data-testid="lift-measure">
                  {t('supervision.credit.lift')}
                </Button>
              )}
            </Space>
            <Descriptions size="small" column={1} items={details(m).slice(1)} />
          </List.Item>
        )}
      />
    );
  return (
    <Table<CreditMeasure>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={measures}
      data-testid="measures"
      onRow={() => ({ 'data-testid': 'measure' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('supervision.credit.scopeLabel'), dataIndex: 'scope', render: (s: CreditMeasure['scope']) => t(`supervision.credit.scope.${s}`) },
        { title: t('supervision.credit.basis'), dataIndex: 'ruleId', render: (id: string) => <RuleRef id={id} /> },
        { title: t('supervision.credit.period'), key: 'period', width: 210, render: (_, m) => <span data-testid="measure-period">{t('supervision.credit.periodValue', { startsOn: m.startsOn, endsOn: m.endsOn })}</span> },
        { title: t('supervision.credit.reason'), dataIndex: 'reason', render: (r: string, m) => (
          <Space orientation="vertical" size={0}>
            <span style={{ overflowWrap: 'anywhere' }}>{r}</span>
            {m.liftedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('supervision.credit.liftedDetail', { at: formatTime(m.liftedAt), reason: m.liftReason ?? '' })}</Typography.Text>}
          </Space>
        ) },
        { title: t('supervision.credit.source'), key: 'source', render: (_, m) => (m.sourceType === 'alert' ? <Link to={alertPath(m.sourceId)}>{t('supervision.credit.sources.alert')}</Link> : t(`supervision.credit.sources.${m.sourceType}`)) },
        { title: t('supervision.credit.state'), key: 'state', render: (_, m) => <MeasureState m={m} /> },
        { title: '', key: 'lift', render: (_, m) => !m.liftedAt && <Button size="small" onClick={() => onLift(m)} data-testid="lift-measure">{t('supervision.credit.lift')}</Button> },
      ]}
    />
  );
}

/**
 * 信用档案 for supervisors: an entity's credit records (complaint decisions, confirmed collusion, dishonest
 * lists) and the measures against it; supervisors and authorities lift a measure early with a reason.
 * The alerts that involve the entity are listed beneath.
 */
export function EntityCreditPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { data: session } = useSession();
  const functions = useMyFunctions(session).data ?? [];
  const file = useQuery({ queryKey: ['credit', id], queryFn: () => get<CreditFile>(`/api/supervision/entities/${id}/credit`) });
  // The alerts involving the entity, for those whose roles read alerts.
  const readsAlerts = functions.includes('alerts');
  const alerts = useQuery({ queryKey: ['alerts', `entity-${id}`], queryFn: () => get<{ items: AlertSummary[] }>(`/api/supervision/alerts?entityId=${id}&includeGone=true`), enabled: readsAlerts });
  const call = useAction(['credit', id]);
  const [lifting, setLifting] = useState<CreditMeasure | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const mayLift = hasRole(session, ['supervisor', 'authority']) && functions.includes('creditMeasures');
  if (file.error) return <Alert type="error" showIcon title={errorText(file.error)} data-testid="page-error" />;
  const f = file.data;
  if (!f) return <Card loading />;

  async function lift(values: { reason: string }) {
    if (await call(() => api('POST', `/api/supervision/credit-measures/${lifting!.id}/lift`, values), t('common.done'))) {
      setLifting(null);
      form.resetFields();
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${t('supervision.credit.title')} · ${f.entity.name}`} styles={{ header: { whiteSpace: 'normal' } }} data-testid="credit-file">
        <Descriptions size="small" column={1} items={[{ key: 'code', label: t('supervision.credit.creditCode'), children: f.entity.creditCode }]} />
      </Card>
      <Card title={t('supervision.credit.measures')}>
        <Measures measures={f.measures} onLift={mayLift ? setLifting : undefined} />
      </Card>
      <Card title={t('supervision.credit.records')}>
        <List
          dataSource={f.records}
          data-testid="credit-records"
          locale={{ emptyText: t('supervision.credit.noRecords') }}
          renderItem={(r) => (
            <List.Item key={r.id} data-testid="credit-record" style={{ display: 'block' }}>
              <Space wrap size={[8, 4]}>
                <Tag color="volcano">{t(`supervision.credit.recordKind.${r.kind}`, { defaultValue: r.kind })}</Tag>
                <RuleRef id={r.ruleId} />
                <Typography.Text type="secondary">{formatTime(r.recordedAt)}</Typography.Text>
              </Space>
              <Typography.Paragraph style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>{r.summary}</Typography.Paragraph>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('supervision.credit.performance')}>
        <List
          dataSource={f.performance}
          data-testid="credit-performance"
          locale={{ emptyText: t('supervision.credit.noPerformance') }}
          renderItem={(r) => (
            <List.Item key={r.contractNumber} style={{ display: 'block' }}>
              <Space wrap size={[8, 4]}>
                <Tag color="green">{t('supervision.credit.averageRating', { average: r.average })}</Tag>
                <Typography.Text>{`${r.contractNumber} ${r.title}`}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(r.recordedAt)}</Typography.Text>
              </Space>
              {r.comment && <Typography.Paragraph style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>{r.comment}</Typography.Paragraph>}
            </List.Item>
          )}
        />
      </Card>
      {readsAlerts && (
      <Card title={t('supervision.credit.alertsOf')}>
        <List
          dataSource={alerts.data?.items ?? []}
          loading={alerts.isLoading}
          locale={{ emptyText: t('supervision.alerts.none') }}
          renderItem={(a) => (
            <List.Item key={a.id} style={{ display: 'block' }}>
              <Space wrap size={[8, 4]}>
                <Link to={alertPath(a.id)}>{inLanguage(a.name, i18n.language)}</Link>
                <AlertStatusTag status={a.status} testId="credit-alert-status" />
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {a.project ? a.project.title : ''} · {formatTime(a.detectedAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      )}
      <Modal open={Boolean(lifting)} title={t('supervision.credit.liftTitle')} onCancel={() => setLifting(null)} onOk={() => form.submit()} okText={t('supervision.credit.lift')} destroyOnHidden>
        {lifting && (
          <Typography.Paragraph>
            {t(`supervision.credit.scope.${lifting.scope}`)} · {t('supervision.credit.periodValue', { startsOn: lifting.startsOn, endsOn: lifting.endsOn })}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void lift(v)}>
          <Form.Item name="reason" label={t('supervision.credit.liftReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('supervision.alert.textRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="lift-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 我的信用: the measures against the supplier's own organisation (the debarment notice links here). */
export function MyCreditPage() {
  const { t } = useTranslation();
  const measures = useQuery({ queryKey: ['my-credit-measures'], queryFn: () => get<CreditMeasure[]>('/api/my/credit-measures') });
  return (
    <Card title={t('supervision.myCredit.title')} data-testid="my-credit">
      <Typography.Paragraph type="secondary">{t('supervision.myCredit.intro')}</Typography.Paragraph>
      {measures.error && <Alert type="error" showIcon title={errorText(measures.error)} />}
      {measures.isLoading ? <Card loading variant="borderless" /> : measures.data && (measures.data.length ? <Measures measures={measures.data} /> : <Empty description={t('supervision.myCredit.none')} />)}
    </Card>
  );
}

/** 导入严重失信主体名单 (CM-03): a CSV pasted or chosen, in the documented format; the result with each bad row's line. */
export function DishonestListPage() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DishonestImport | null>(null);

  async function submit() {
    setError(null);
    setResult(null);
    if (!csv.trim()) return setError(t('supervision.dishonest.empty'));
    setBusy(true);
    try {
      setResult(await api<DishonestImport>('POST', '/api/supervision/dishonest-lists', { csv }));
    } catch (e) {
      setError(errorText(e));
      // The server names the rows it could not read even when it imported none.
      const details = (e as { body?: { details?: { errors?: DishonestImport['errors'] } } }).body?.details;
      if (details?.errors?.length) setResult({ batchId: '', imported: [], alreadyImported: 0, notRegistered: 0, errors: details.errors });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('supervision.dishonest.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('supervision.dishonest.intro')}
        </Typography.Paragraph>
        <div>
          <Typography.Text>{t('supervision.dishonest.format')}</Typography.Text>
          <pre data-testid="dishonest-format" style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, margin: '4px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 }}>
            {DISHONEST_HEADER}
          </pre>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('supervision.dishonest.example')}
          </Typography.Text>
          <pre style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 8, margin: '4px 0 0', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 12 }}>{DISHONEST_EXAMPLE}</pre>
        </div>
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((text) => setCsv(text));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('supervision.dishonest.upload')}</Button>
        </Upload>
        <label htmlFor="dishonest-csv">{t('supervision.dishonest.paste')}</label>
        <Input.TextArea id="dishonest-csv" rows={8} value={csv} onChange={(e) => setCsv(e.target.value)} style={{ fontFamily: 'monospace' }} data-testid="dishonest-csv" />
        <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="dishonest-submit">
          {t('supervision.dishonest.submit')}
        </Button>
        {error && <Alert type="error" showIcon title={error} data-testid="dishonest-error" />}
        {result && (
          <Card size="small" title={t('supervision.dishonest.result')} data-testid="dishonest-result">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text>{t('supervision.dishonest.imported', { count: result.imported.length })}</Typography.Text>
              {result.imported.length > 0 && (
                <List size="small" dataSource={result.imported} renderItem={(r) => <List.Item>{`${r.name}（${r.creditCode}）${r.startsOn} — ${r.endsOn}`}</List.Item>} />
              )}
              <Typography.Text type="secondary">{t('supervision.dishonest.alreadyImported', { count: result.alreadyImported })}</Typography.Text>
              <Typography.Text type="secondary">{t('supervision.dishonest.notRegistered', { count: result.notRegistered })}</Typography.Text>
              {result.errors.length > 0 && (
                <>
                  <Typography.Text strong type="danger">
                    {t('supervision.dishonest.errors')}
                  </Typography.Text>
                  <List
                    size="small"
                    dataSource={result.errors}
                    data-testid="dishonest-errors"
                    renderItem={(e) => (
                      <List.Item style={{ display: 'block' }}>
                        <Tag color="red">{t('supervision.dishonest.line', { line: e.line })}</Tag>
                        <span style={{ overflowWrap: 'anywhere' }}>{e.message}</span>
                      </List.Item>
                    )}
                  />
                </>
              )}
            </Space>
          </Card>
        )}
      </Space>
    </Card>
  );
}
