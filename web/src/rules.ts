import i18n from './i18n';

type Text = { 'zh-CN': string; 'en-US': string };
export interface RuleCitation {
  id: string;
  citation: Text;
  statement?: Text;
  verified: boolean;
}

/** "GP-70 · 《政府采购法实施条例》第四十三条第一款", with "（待核实）" where the citation is not verified yet. */
export function ruleText(id: string, rule: RuleCitation | undefined, language: 'zh-CN' | 'en-US'): string {
  if (!rule) return id;
  return `${id} · ${rule.citation[language]}${rule.verified ? '' : i18n.t('rules.unverified', { lng: language })}`;
}
