import { List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RuleRef } from '../../components/RuleRef';
import { inLanguage } from './types';

type Bilingual = { 'zh-CN': string; 'en-US': string };

/** One warning of the preventive screening (src/supervision/screening/screening.routes.ts). */
export interface ScreeningWarning {
  code: string;
  ruleId: string;
  basis: Bilingual;
  message: Bilingual;
  /** field:qualifications, field:description, field:other, or document (then documentName). */
  source: string;
  documentName: string | null;
  /** The clause, [start, end) in the source text; the matched phrase in the same text. */
  start: number;
  end: number;
  excerpt: string;
  match?: { start: number; end: number; text: string };
  similarTo?: { kind: 'earlierDocument' | 'supplierBrochure'; excerpt: string; similarity: number; title?: string; supplierName?: string };
}

const MARK = { background: '#fff1b8', padding: '0 2px', fontWeight: 600 } as const;

/**
 * The clause with the phrase that triggered the warning marked. The match's offsets are in the same text
 * as the clause's, so inside the excerpt it starts at match.start - start; should the excerpt have been
 * trimmed differently, the phrase is looked up by its text. TS-06 (a clause repeated from an earlier
 * document) has no phrase: the whole clause is marked.
 */
export function Excerpt({ w }: { w: ScreeningWarning }) {
  const text = w.excerpt;
  let from = -1;
  let length = 0;
  if (w.match) {
    length = w.match.text.length;
    const offset = w.match.start - w.start;
    from = text.slice(offset, offset + length) === w.match.text ? offset : text.indexOf(w.match.text);
  }
  return (
    <Typography.Paragraph data-testid="warning-excerpt" style={{ margin: 0, padding: '6px 10px', background: '#fafafa', borderInlineStart: '3px solid #faad14', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {!w.match ? (
        <mark data-testid="warning-match" style={MARK}>
          {text}
        </mark>
      ) : from < 0 ? (
        text
      ) : (
        <>
          {text.slice(0, from)}
          <mark data-testid="warning-match" style={MARK}>
            {text.slice(from, from + length)}
          </mark>
          {text.slice(from + length)}
        </>
      )}
    </Typography.Paragraph>
  );
}

/** Where the clause is, as the agency knows it: a field of the notice, or a procurement document by its name. */
export function useSourceLabel() {
  const { t } = useTranslation();
  return (w: Pick<ScreeningWarning, 'source' | 'documentName'>) => {
    if (w.source === 'document') return t('supervision.screening.sources.document', { name: w.documentName ?? '' });
    const field = w.source.replace(/^field:/, '');
    return ['qualifications', 'description', 'other'].includes(field) ? t(`supervision.screening.sources.${field}`) : t('supervision.screening.sources.field', { name: field });
  };
}

/**
 * The screening's warnings, each with its clause (the phrase marked), what it may mean, where it is and
 * the rule it cites: shown to the agency before it publishes, and to supervisors in the queue after.
 */
export function ScreeningWarningList({ warnings }: { warnings: ScreeningWarning[] }) {
  const { t, i18n } = useTranslation();
  const source = useSourceLabel();
  const language = i18n.language;
  return (
    <List
      dataSource={warnings}
      data-testid="screening-warnings"
      renderItem={(w, i) => (
        <List.Item key={`${w.code}-${w.source}-${w.start}-${i}`} data-testid="screening-warning" style={{ display: 'block' }}>
          <Space orientation="vertical" size={6} style={{ width: '100%', minWidth: 0 }}>
            <Space wrap size={[8, 4]}>
              <Tag color="orange" data-testid="warning-code">
                {w.code}
              </Tag>
              <Typography.Text strong data-testid="warning-message">
                {inLanguage(w.message, language)}
              </Typography.Text>
            </Space>
            <Excerpt w={w} />
            {w.similarTo && (
              <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {t('supervision.screening.similar', { similarity: Math.round(w.similarTo.similarity * 100) })}
                {'：'}
                {w.similarTo.kind === 'earlierDocument' ? t('supervision.screening.similarDocument', { title: w.similarTo.title ?? '' }) : t('supervision.screening.similarBrochure', { supplier: w.similarTo.supplierName ?? '' })}
                {` “${w.similarTo.excerpt}”`}
              </Typography.Text>
            )}
            <Typography.Text style={{ fontSize: 13 }}>
              <Typography.Text type="secondary">{t('supervision.screening.where')}：</Typography.Text>
              <span data-testid="warning-source">{source(w)}</span>
            </Typography.Text>
            <Typography.Text style={{ fontSize: 13 }}>
              <Typography.Text type="secondary">{t('supervision.screening.basis')}：</Typography.Text>
              <RuleRef id={w.ruleId} />
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, overflowWrap: 'anywhere' }}>
                {inLanguage(w.basis, language)}
              </Typography.Text>
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
