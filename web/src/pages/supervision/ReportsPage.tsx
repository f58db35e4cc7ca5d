import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, List, Modal, Popconfirm, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorText, get } from '../../api';
import dayjs from '../../dayjs';
import { fenToWan, formatAmount } from '../../money';
import { Chart, type ChartOption } from './Chart';
import { inLanguage } from './types';

type Bilingual = { 'zh-CN': string; 'en-US': string };
type Unit = 'count' | 'fen' | 'days';
interface SubjectFields {
  subject: string;
  name: Bilingual;
  dimensions: { key: string; label: Bilingual }[];
  measures: { key: string; label: Bilingual; unit: Unit }[];
}
export interface ReportDefinition {
  subject: string;
  rows: string;
  columns?: string | null;
  measures: string[];
  filters: { category?: string | null; method?: string | null; from?: string | null; to?: string | null };
}
interface Pivot {
  definition: ReportDefinition;
  rowLabel: Bilingual;
  columnLabel: Bilingual | null;
  measures: { key: string; label: Bilingual; unit: Unit }[];
  rows: { key: string; label: Bilingual }[];
  columns: { key: string; label: Bilingual }[];
  cells: Record<string, Record<string, Record<string, number>>>;
  totals: Record<string, number>;
}
interface SavedReport {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  definition: ReportDefinition;
  createdAt: string;
  revision: number;
}
interface ExportJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: { done: number; total: number } | null;
  rows: number | null;
  fileName: string | null;
}
interface FormValues {
  subject: string;
  rows: string;
  columns?: string | null;
  measures: string[];
  category?: string | null;
  method?: string | null;
  period?: [dayjs.Dayjs, dayjs.Dayjs] | null;
}

const METHODS = ['openTender', 'consultation', 'negotiation', 'rfq', 'singleSource', 'framework'];
const CATEGORIES = ['goods', 'services', 'works'];
const PALETTE = ['#c8161d', '#1f56b8', '#d48806', '#389e0d', '#722ed1', '#08979c', '#595959'];

const toDefinition = (v: FormValues): ReportDefinition => ({
  subject: v.subject,
  rows: v.rows,
  columns: v.columns || null,
  measures: v.measures,
  filters: { category: v.category || null, method: v.method || null, from: v.period?.[0]?.format('YYYY-MM-DD') ?? null, to: v.period?.[1]?.format('YYYY-MM-DD') ?? null },
});
const toValues = (d: ReportDefinition): FormValues => ({
  subject: d.subject,
  rows: d.rows,
  columns: d.columns ?? null,
  measures: d.measures,
  category: d.filters.category ?? null,
  method: d.filters.method ?? null,
  period: d.filters.from && d.filters.to ? [dayjs(d.filters.from), dayjs(d.filters.to)] : null,
});

/**
 * 自定义报表: the supervisor chooses a subject (lots, contracts, payments, opened bids), its rows and
 * columns and measures, and filters; the server groups its region's records into a pivot table, drawn
 * here as a table (scrolling inside its card on a phone) and a bar chart of the first measure. A report
 * is saved, shared with the department, reopened, and exported to Excel as a job with progress.
 */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const fields = useQuery({ queryKey: ['report-fields'], queryFn: () => get<SubjectFields[]>('/api/supervision/report-fields'), staleTime: Infinity });
  const saved = useQuery({ queryKey: ['saved-reports'], queryFn: () => get<SavedReport[]>('/api/supervision/reports') });
  const [result, setResult] = useState<Pivot | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<ReportDefinition | null>(null);
  const [exportId, setExportId] = useState<string | null>(null);
  const subject = Form.useWatch('subject', form);
  const rows = Form.useWatch('rows', form);
  const current = fields.data?.find((f) => f.subject === subject);

  const label = (b: Bilingual) => inLanguage(b, language);
  /** The server names codes (regions, methods, categories); statuses it leaves as codes, named here. */
  const valueText = (d: ReportDefinition, dim: string | null | undefined, key: string, fallback: Bilingual) => {
    if (dim === 'status' && key) {
      const path = d.subject === 'lots' ? 'trading.lotStatus' : d.subject === 'contracts' ? 'evaluation.contractStatus' : null;
      if (path) return t(`${path}.${key}`, { defaultValue: key });
    }
    return label(fallback);
  };
  const measureText = (unit: Unit, value: number | undefined) => {
    if (value === undefined) return '—';
    if (unit === 'fen') return formatAmount(Math.round(value), language);
    if (unit === 'days') return `${value} ${t('supervision.reports.daysUnit')}`;
    return String(value);
  };

  /** A subject's fields: what was chosen stays if the new subject has it. */
  function changeSubject(next: string) {
    const f = fields.data?.find((x) => x.subject === next);
    if (!f) return;
    const v = form.getFieldsValue();
    const dims = f.dimensions.map((d) => d.key);
    const measures = (v.measures ?? []).filter((m) => f.measures.some((x) => x.key === m));
    form.setFieldsValue({
      rows: dims.includes(v.rows) ? v.rows : dims[0],
      columns: v.columns && dims.includes(v.columns) ? v.columns : null,
      measures: measures.length ? measures : [f.measures[0]!.key],
    });
  }

  async function run(definition: ReportDefinition) {
    setError(null);
    setRunning(true);
    try {
      setResult(await api<Pivot>('POST', '/api/supervision/reports/run', definition));
    } catch (e) {
      setResult(null);
      setError(errorText(e));
    } finally {
      setRunning(false);
    }
  }
  const definitionNow = async () => toDefinition(await form.validateFields());

  async function startExport() {
    setError(null);
    try {
      const d = await definitionNow();
      setExportId((await api<{ jobId: string }>('POST', '/api/supervision/report-exports', d)).jobId);
    } catch (e) {
      // A form left incomplete shows at its fields; the server's refusal here.
      if (e instanceof ApiError) setError(errorText(e));
    }
  }

  async function remove(r: SavedReport) {
    try {
      await api('DELETE', `/api/supervision/reports/${r.id}?revision=${r.revision}`);
      await queryClient.invalidateQueries({ queryKey: ['saved-reports'] });
      message.success(t('common.done'));
    } catch (e) {
      message.error(errorText(e));
    }
  }

  function open(r: SavedReport) {
    form.setFieldsValue(toValues(r.definition));
    void run(r.definition);
  }

  const initial: FormValues = { subject: 'lots', rows: 'region', columns: null, measures: ['count'], category: null, method: null, period: null };
  const dimensionOptions = (current?.dimensions ?? []).map((d) => ({ value: d.key, label: label(d.label) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="reports-page">
      <Card title={t('supervision.reports.title')}>
        <Typography.Paragraph type="secondary">{t('supervision.reports.intro')}</Typography.Paragraph>
        {fields.error && <Alert type="error" showIcon title={errorText(fields.error)} data-testid="page-error" />}
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void run(toDefinition(v))} data-testid="report-form">
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="subject" label={t('supervision.reports.subject')} rules={[{ required: true }]}>
                <Select data-testid="report-subject" options={(fields.data ?? []).map((f) => ({ value: f.subject, label: label(f.name) }))} onChange={changeSubject} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="rows" label={t('supervision.reports.rows')} rules={[{ required: true }]}>
                <Select data-testid="report-rows" options={dimensionOptions} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="columns" label={t('supervision.reports.columns')}>
                <Select data-testid="report-columns" allowClear placeholder={t('supervision.reports.noColumns')} options={dimensionOptions.filter((o) => o.value !== rows)} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="measures" label={t('supervision.reports.measures')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Select data-testid="report-measures" mode="multiple" maxCount={6} options={(current?.measures ?? []).map((m) => ({ value: m.key, label: label(m.label) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="category" label={t('supervision.reports.category')}>
                <Select allowClear placeholder={t('supervision.reports.any')} options={CATEGORIES.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="method" label={t('supervision.reports.method')}>
                <Select allowClear placeholder={t('supervision.reports.any')} options={METHODS.map((m) => ({ value: m, label: t(`trading.methods.${m}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="period" label={t('supervision.reports.period')}>
                <DatePicker.RangePicker style={{ width: '100%', maxWidth: 360 }} />
              </Form.Item>
            </Col>
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={running} data-testid="report-run">
              {t('supervision.reports.run')}
            </Button>
            <Button onClick={() => void definitionNow().then(setSaving, () => undefined)} data-testid="report-save">
              {t('supervision.reports.save')}
            </Button>
            <Button onClick={() => void startExport()} data-testid="report-export">
              {t('supervision.reports.export')}
            </Button>
          </Space>
        </Form>
        {exportId && <ExportProgress key={exportId} jobId={exportId} />}
      </Card>
      {error && <Alert type="error" showIcon title={error} data-testid="report-error" />}
      <Card title={t('supervision.reports.result')} data-testid="report-result">
        {result ? <PivotView pivot={result} valueText={valueText} measureText={measureText} /> : <Empty description={t('supervision.reports.notRun')} />}
      </Card>
      <Card title={t('supervision.reports.saved')}>
        <List
          dataSource={saved.data ?? []}
          loading={saved.isLoading}
          locale={{ emptyText: t('supervision.reports.savedNone') }}
          data-testid="saved-reports"
          renderItem={(r) => (
            <List.Item
              data-testid="saved-report"
              actions={[
                <Button key="open" size="small" onClick={() => open(r)} data-testid="saved-open">
                  {t('supervision.reports.open')}
                </Button>,
                ...(r.mine
                  ? [
                      <Popconfirm key="delete" title={t('supervision.reports.deleteConfirm', { name: r.name })} onConfirm={() => void remove(r)}>
                        <Button size="small" danger data-testid="saved-delete">
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Space wrap size={[8, 4]} style={{ minWidth: 0 }}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {r.name}
                </Typography.Text>
                {r.mine ? <Tag>{t('supervision.reports.mineTag')}</Tag> : <Tag color="blue">{t('supervision.reports.fromColleague')}</Tag>}
                {r.shared && <Tag color="green">{t('supervision.reports.sharedTag')}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <SaveModal definition={saving} onClose={() => setSaving(null)} />
    </Space>
  );
}

/** 保存报表: a name, and whether the department sees it. */
function SaveModal({ definition, onClose }: { definition: ReportDefinition | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; shared?: boolean }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function save(v: { name: string; shared?: boolean }) {
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/supervision/reports', { name: v.name, shared: Boolean(v.shared), definition });
      await queryClient.invalidateQueries({ queryKey: ['saved-reports'] });
      message.success(t('common.saved'));
      form.resetFields();
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal open={Boolean(definition)} title={t('supervision.reports.saveTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'save-ok' } as ButtonProps} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="name" label={t('supervision.reports.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="save-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="shared" valuePropName="checked">
          <Checkbox data-testid="save-shared">{t('supervision.reports.shared')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The pivot as a table (row × column groups of measures) with its totals, and the first measure as bars. */
function PivotView({
  pivot,
  valueText,
  measureText,
}: {
  pivot: Pivot;
  valueText: (d: ReportDefinition, dim: string | null | undefined, key: string, fallback: Bilingual) => string;
  measureText: (unit: Unit, value: number | undefined) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const d = pivot.definition;
  const hasColumns = Boolean(d.columns);
  const rowName = (r: Pivot['rows'][number]) => valueText(d, d.rows, r.key, r.label);
  const columnName = (c: Pivot['columns'][number]) => valueText(d, d.columns, c.key, c.label);
  const first = pivot.measures[0]!;

  const chart = useMemo<ChartOption>(() => {
    const scale = (v: number | undefined) => (v === undefined ? 0 : first.unit === 'fen' ? fenToWan(v) : v);
    return {
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: hasColumns ? { top: 0, type: 'scroll' } : undefined,
      grid: { left: 8, right: 8, top: hasColumns ? 36 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: pivot.rows.map(rowName), axisLabel: { interval: 0, rotate: pivot.rows.length > 4 ? 30 : 0, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', name: first.unit === 'fen' ? t('supervision.dashboard.wanYuan') : undefined, minInterval: first.unit === 'count' ? 1 : undefined },
      series: pivot.columns.map((c) => ({ type: 'bar', name: hasColumns ? columnName(c) : inLanguage(first.label, language), barMaxWidth: 32, data: pivot.rows.map((r) => scale(pivot.cells[r.key]?.[c.key]?.[first.key])) })),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pivot, language]);

  if (pivot.rows.length === 0) return <Empty description={t('supervision.reports.empty')} data-testid="report-empty" />;

  type Line = { key: string; name: string };
  const measureColumns = (c: Pivot['columns'][number]): ColumnsType<Line> =>
    pivot.measures.map((m) => ({
      key: `${c.key}|${m.key}`,
      title: inLanguage(m.label, language),
      align: 'right' as const,
      onCell: () => ({ 'data-testid': 'report-cell' }) as object,
      render: (_: unknown, line: Line) => measureText(m.unit, pivot.cells[line.key]?.[c.key]?.[m.key]),
    }));
  const columns: ColumnsType<Line> = [
    { key: 'row', title: inLanguage(pivot.rowLabel, language), dataIndex: 'name', fixed: 'left', onCell: () => ({ 'data-testid': 'report-row-label' }) as object },
    ...(hasColumns ? pivot.columns.map((c) => ({ key: c.key || '—', title: columnName(c), children: measureColumns(c) })) : measureColumns(pivot.columns[0]!)),
  ];
  const totals = pivot.measures.filter((m) => pivot.totals[m.key] !== undefined);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<Line>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={pivot.rows.map((r) => ({ key: r.key, name: rowName(r) }))}
        columns={columns}
        data-testid="report-table"
      />
      {totals.length > 0 && (
        <Typography.Text data-testid="report-totals">
          {t('supervision.reports.totalsLine')}
          {totals.map((m) => `${inLanguage(m.label, language)} ${measureText(m.unit, pivot.totals[m.key])}`).join('；')}
        </Typography.Text>
      )}
      <Typography.Text strong>{t('supervision.reports.chart', { measure: inLanguage(first.label, language), rows: inLanguage(pivot.rowLabel, language) })}</Typography.Text>
      <Chart
        option={chart}
        testId="report-chart"
        label={t('supervision.reports.chartLabel', {
          measure: inLanguage(first.label, language),
          rows: inLanguage(pivot.rowLabel, language),
          values: pivot.rows.map((r) => `${rowName(r)} ${pivot.columns.map((c) => measureText(first.unit, pivot.cells[r.key]?.[c.key]?.[first.key])).join('/')}`).join('; '),
        })}
      />
    </Space>
  );
}

/** 导出Excel: the job's progress, then the file's link. */
function ExportProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ['report-export', jobId],
    queryFn: () => get<ExportJob>(`/api/supervision/report-exports/${jobId}`),
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 500),
  });
  const j = job.data;
  const [shown, setShown] = useState(0);
  const percent = j?.status === 'succeeded' ? 100 : j?.progress ? Math.floor((j.progress.done / Math.max(j.progress.total, 1)) * 100) : 0;
  // Never backwards between polls.
  useEffect(() => setShown((s) => Math.max(s, percent)), [percent]);
  return (
    <div data-testid="export-progress" style={{ marginTop: 16, maxWidth: 560 }}>
      <Progress percent={shown} status={j?.status === 'failed' ? 'exception' : j?.status === 'succeeded' ? 'success' : 'active'} />
      <Typography.Text type="secondary" data-testid="export-status">
        {!j || j.status === 'queued'
          ? t('supervision.reports.exportQueued')
          : j.status === 'running'
            ? t('supervision.reports.exporting', { done: j.progress?.done ?? 0, total: j.progress?.total ?? 0 })
            : j.status === 'succeeded'
              ? t('supervision.reports.exportDone', { rows: j.rows ?? 0 })
              : t('supervision.reports.exportFailed')}
      </Typography.Text>
      {j?.status === 'succeeded' && (
        <div>
          <a href={`/api/supervision/report-exports/${jobId}/file`} download={j.fileName ?? undefined} data-testid="export-download">
            {t('supervision.reports.download', { name: j.fileName ?? '' })}
          </a>
        </div>
      )}
      {job.error && <Alert type="error" showIcon title={errorText(job.error)} />}
    </div>
  );
}
