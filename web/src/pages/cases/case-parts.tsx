import { Alert, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { RuleRef } from '../../components/RuleRef';
import { formatTime } from '../../format';
import type { CaseKind, Clock, Regime } from './case-types';

/** The Shanghai day of an instant, 'YYYY-MM-DD' (the law counts days in Shanghai). */
/** 质疑 or, under the Bidding Law, 异议; a complaint is a complaint under both. */
export const kindKey = (c: { kind: CaseKind; regime: Regime }) => (c.kind === 'challenge' && c.regime === 'tendering' ? 'cases.kind.objection' : `cases.kind.${c.kind}`);
export const departmentKey = (c: { regime: Regime }) => (c.regime === 'tendering' ? 'cases.departmentWorks' : 'cases.department');

export const shanghaiDay = (iso: string) => new Date(iso).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Whether a finished step was finished after its last day. */
export const finishedLate = (c: Clock) => c.doneAt !== null && shanghaiDay(c.doneAt) > c.dueOn;

/**
 * A legal period as a tag: done in time (green) or late (red); open and paused (grey); open and overdue (red,
 * with the working days it is late); otherwise the working days left, orange for the last two.
 */
export function ClockTag({ clock: c }: { clock: Clock }) {
  const { t } = useTranslation();
  if (c.doneAt !== null) {
    const late = finishedLate(c);
    return (
      <Tag color={late ? 'red' : 'green'} data-testid="clock-tag" data-state={late ? 'late' : 'done'}>
        {t(late ? 'cases.clock.doneLate' : 'cases.clock.done', { day: shanghaiDay(c.doneAt), due: c.dueOn })}
      </Tag>
    );
  }
  if (c.paused)
    return (
      <Tag data-testid="clock-tag" data-state="paused">
        {t('cases.clock.paused')}
      </Tag>
    );
  if (c.overdue)
    return (
      <Tag color="red" data-testid="clock-tag" data-state="overdue">
        {c.workingDaysLeft < 0 ? t('cases.clock.overdue', { days: -c.workingDaysLeft, due: c.dueOn }) : t('cases.clock.overdueToday', { due: c.dueOn })}
      </Tag>
    );
  return (
    <Tag color={c.workingDaysLeft <= 2 ? 'orange' : 'blue'} data-testid="clock-tag" data-state="open">
      {c.workingDaysLeft === 0 ? t('cases.clock.lastDay', { due: c.dueOn }) : t('cases.clock.left', { days: c.workingDaysLeft, due: c.dueOn })}
    </Tag>
  );
}

/** The case's legal periods as a list of steps, each with whose it is, its rule and where it stands. */
export function ClockSteps({ clocks }: { clocks: Clock[] }) {
  const { t } = useTranslation();
  if (clocks.length === 0) return <Typography.Text type="secondary">{t('cases.noClocks')}</Typography.Text>;
  return (
    <Steps
      orientation="vertical"
      size="small"
      data-testid="case-clocks"
      items={clocks.map((c) => ({
        status: c.doneAt !== null ? (finishedLate(c) ? 'error' : 'finish') : c.overdue ? 'error' : c.paused ? 'wait' : 'process',
        title: <span data-testid={`clock-${c.step}`}>{t(`cases.clockSteps.${c.step}`, { defaultValue: c.step })}</span>,
        content: (
          <Space orientation="vertical" size={2} data-testid={`clock-state-${c.step}`}>
            <ClockTag clock={c} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cases.clock.dueOn', { due: c.dueOn })} · <RuleRef id={c.ruleId} />
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}

/** A refusal as the server gave it: its message in the reader's language, and the rule it rests on. */
export function ErrorAlert({ error, testId = 'case-error' }: { error: unknown; testId?: string }) {
  const { i18n } = useTranslation();
  if (!error) return null;
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const body = error instanceof ApiError ? error.body : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={body ? body.messages?.[language] ?? (body as unknown as { message?: Record<string, string> }).message?.[language] ?? errorText(error) : errorText(error)}
      description={body?.ruleId ? <RuleRef id={body.ruleId} /> : undefined}
    />
  );
}

/** When something happened, as the workspace shows times. */
export const when = (iso: string) => formatTime(iso);
