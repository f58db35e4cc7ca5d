import { formatYuan } from '../../platform/money';
import { documentHtml, escape, shanghaiDateTime } from '../notice/render';
import type { EvaluationResult } from './evaluation.rules';

export interface ReportDocument {
  projectNumber: string;
  projectTitle: string;
  lotNo: number;
  lotTitle: string;
  criteria: { name: string; weight: number; isPrice: boolean }[];
  members: string[];
  result: EvaluationResult;
  tieSeed: string | null;
  contentHash: string;
  signatures: { displayName: string; agreed: boolean; dissent: string | null; signedAt: string; signature: string }[];
  signedAt: string | null;
}

/** 评标报告 as a document: the result, the committee, every signature and dissent, and the hash it was signed over. */
export function renderReportHtml(r: ReportDocument): string {
  const scored = r.criteria.filter((c) => !c.isPrice);
  const rows = [...r.result.bids]
    .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .map(
      (b) =>
        `<tr><td>${b.rank ?? '—'}</td><td>${escape(b.supplierName)}</td><td>${formatYuan(b.priceFen)}</td><td>${formatYuan(Math.round(b.evaluatedPriceFen))}</td>` +
        scored.map((c) => `<td>${b.criterionPoints[c.name] ?? '—'}</td>`).join('') +
        `<td>${b.priceScore ?? '—'}</td><td>${b.total ?? '—'}</td><td>${b.valid ? (r.result.candidates.includes(b.bidId) ? '中标候选人' : '有效') : `无效：${b.invalidReasons.map(escape).join('；')}`}</td></tr>`,
    )
    .join('');
  const body =
    `<p>项目编号：${escape(r.projectNumber)}　项目名称：${escape(r.projectTitle)}</p><p>标项：${r.lotNo} ${escape(r.lotTitle)}</p>` +
    `<h3>一、评标委员会</h3><p>${r.members.map(escape).join('、')}</p>` +
    `<h3>二、评审结果</h3><table border="1" cellpadding="4"><tr><th>排序</th><th>投标人</th><th>投标报价（元）</th><th>评审价（元）</th>${scored.map((c) => `<th>${escape(c.name)}</th>`).join('')}<th>价格分</th><th>总分</th><th>结论</th></tr>${rows}</table>` +
    (r.result.failed ? `<p>${escape(r.result.failed.reason)}（${escape(r.result.failed.ruleId)}）</p>` : '') +
    (r.result.tieBreak.length ? `<p>得分与报价相同的投标人按GP-57随机排序，随机种子：${escape(r.tieSeed ?? '')}</p>` : '') +
    `<h3>三、签署</h3><table border="1" cellpadding="4"><tr><th>成员</th><th>意见</th><th>时间</th><th>签名</th></tr>${r.signatures
      .map((s) => `<tr><td>${escape(s.displayName)}</td><td>${s.agreed ? '同意' : `不同意：${escape(s.dissent)}`}</td><td>${shanghaiDateTime(s.signedAt)}</td><td class="sig">${escape(s.signature)}</td></tr>`)
      .join('')}</table>` +
    `<p class="sig">报告内容摘要 SHA-256：${r.contentHash}</p>`;
  return documentHtml('评标报告', body);
}
