import { formatYuan } from '../../platform/money';
import { documentHtml, escape, shanghaiDateTime } from '../notice/render';
import type { ContractItem, ContractSignature, Milestone } from './contract.schema';

export interface ContractDocument {
  contractNumber: string;
  title: string;
  purchaserName: string;
  supplierName: string;
  priceFen: number;
  items: ContractItem[];
  milestones: Milestone[];
  performancePeriod: string;
  performancePlace: string;
  paymentTermDays: number;
  terms: string;
  contentHash: string;
  purchaserSignature: ContractSignature | null;
  supplierSignature: ContractSignature | null;
  /** Who signed for each side (display names), when they have. */
  signers: { purchaser: string | null; supplier: string | null };
  signedAt: string | null;
  keyId: string;
}

/** 政府采购合同 as a document, with each party's seal: the stamp, the time and the platform signature over the hash. */
export function renderContractHtml(c: ContractDocument): string {
  const seal = (party: string, name: string, s: ContractSignature | null, signer: string | null) =>
    `<div class="party"><p>${party}（盖章）：${escape(name)}</p>` +
    (s
      ? `<div class="stamp">${escape(name)}<br>电子签章</div><p>签署人：${escape(signer)}</p><p>签署日期：${shanghaiDateTime(s.signedAt)}</p><p class="sig">签章：${escape(s.seal)}</p>`
      : '<p>（未签署）</p><p>签署日期：</p>') +
    '</div>';
  const body =
    `<p>合同编号：${escape(c.contractNumber)}</p>${c.signedAt ? `<p>签订日期：${shanghaiDateTime(c.signedAt)}</p>` : ''}<p>采购人（甲方）：${escape(c.purchaserName)}</p><p>供应商（乙方）：${escape(c.supplierName)}</p>` +
    `<h3>一、合同标的</h3><table border="1" cellpadding="4"><tr><th>名称</th><th>品牌</th><th>规格型号</th><th>数量</th><th>单价（元）</th><th>金额（元）</th></tr>${c.items
      .map((i) => `<tr><td>${escape(i.name)}</td><td>${escape(i.brand ?? '')}</td><td>${escape(i.model ?? '')}</td><td>${i.quantity}</td><td>${formatYuan(i.unitPriceFen)}</td><td>${formatYuan(i.totalFen)}</td></tr>`)
      .join('')}</table>` +
    `<h3>二、合同金额</h3><p>人民币${formatYuan(c.priceFen)}元。</p>` +
    `<h3>三、履约期限与地点</h3><p>${escape(c.performancePeriod)}；${escape(c.performancePlace)}</p>` +
    `<h3>四、付款与验收</h3><table border="1" cellpadding="4"><tr><th>期次</th><th>节点</th><th>金额（元）</th><th>验收标准</th><th>计划日期</th></tr>${c.milestones
      .map((m) => `<tr><td>${m.no}</td><td>${escape(m.name)}</td><td>${formatYuan(m.amountFen)}</td><td>${escape(m.acceptanceCriteria)}</td><td>${escape(m.dueDate)}</td></tr>`)
      .join('')}</table><p>采购人应于每期验收合格之日起${c.paymentTermDays}日内支付该期款项。</p>` +
    `<h3>五、其他条款</h3><p>${escape(c.terms)}</p>` +
    `<div class="parties">${seal('甲方', c.purchaserName, c.purchaserSignature, c.signers.purchaser)}${seal('乙方', c.supplierName, c.supplierSignature, c.signers.supplier)}</div>` +
    `<p class="sig">合同内容摘要 SHA-256：${c.contentHash}；签章为平台 Ed25519 签名（密钥 ${escape(c.keyId)}），公钥见 GET /api/public/receipt-key。</p>`;
  return documentHtml(c.title, body);
}
