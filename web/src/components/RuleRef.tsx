import { useQuery } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { ruleText, type RuleCitation } from '../rules';

const useRules = () => useQuery({ queryKey: ['rules'], queryFn: () => get<RuleCitation[]>('/api/public/rules'), staleTime: Infinity });

/** A rule as users read it: "GP-70 · 《…》第…条", its statement on hover; an unverified citation says so. */
export function RuleRef({ id }: { id: string }) {
  const { i18n } = useTranslation();
  const rules = useRules();
  const rule = rules.data?.find((r) => r.id === id);
  const language = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  const text = <span data-testid="rule-ref">{ruleText(id, rule, language)}</span>;
  return rule ? <Tooltip title={rule.statement?.[language]}>{text}</Tooltip> : text;
}
