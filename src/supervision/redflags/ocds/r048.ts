import { asArray, asObject, asString, eligibleReleases, objects, statusOf } from './release';
import { quartiles, upperFence } from './quartiles';
import { setResult } from './results';
import { DEFAULT_CONTEXT, FROM_QUARTILES, type OcdsIndicator, type Results } from './types';

export const R048: OcdsIndicator<{ digits: number; threshold: number | string; minimumContractingProcesses: number }> = {
  code: 'R048',
  name: { 'zh-CN': '供应商经营范围异常宽泛', 'en-US': 'Heterogeneous supplier' },
  explanation: {
    'zh-CN': '按供应商统计其全部有效授标中各品目分类编码前几位（默认 2 位，即第一级）的种类数，是偏高的离群值（不低于 Q3+1.5×IQR，也可设定固定阈值）；上限只用中标项目数不少于 20 个的供应商计算。什么都能供应的企业可能并不具备履约能力，或只是转包、挂靠的通道。命中只是提示人工核查的线索，不是结论：综合性贸易企业本来就供应多类产品。值为种类数。',
    'en-US': 'The number of distinct first-level item classifications (the first 2 digits by default) across a supplier’s active awards is a high outlier (at or above Q3 + 1.5·IQR, or a fixed threshold); the fence is computed over suppliers awarded in at least 20 processes. A supplier of everything may lack the capacity to deliver, or pass work on to others. A match is a reason for a person to look, never a verdict: general traders do supply many kinds of goods. The value is that number.',
  },
  groups: ['Tenderer'],
  parameters: { digits: 2, threshold: FROM_QUARTILES, minimumContractingProcesses: 20 },
  run(releases, parameters, context = DEFAULT_CONTEXT): Results {
    const results: Results = {};
    const bySupplier = new Map<string, { processes: number; classifications: Set<string> }>();
    for (const { release } of eligibleReleases(releases, context)) {
      const seenHere = new Set<string>();
      for (const award of objects(release.awards)) {
        const items = asArray(award.items);
        const suppliers = asArray(award.suppliers);
        // Several suppliers on one award: who supplies which item is unknown, so none is credited with all of them.
        if (statusOf(award) !== 'active' || items === undefined || suppliers === undefined || suppliers.length !== 1) continue;
        const supplierId = asString(asObject(suppliers[0])?.id);
        if (supplierId === undefined) continue;
        for (const item of objects(items)) {
          const classificationId = asString(asObject(item.classification)?.id);
          if (classificationId === undefined) continue;
          const entry = bySupplier.get(supplierId) ?? { processes: 0, classifications: new Set<string>() };
          if (!seenHere.has(supplierId)) {
            seenHere.add(supplierId);
            entry.processes += 1;
          }
          entry.classifications.add(Array.from(classificationId).slice(0, parameters.digits).join(''));
          bySupplier.set(supplierId, entry);
        }
      }
    }
    // Few awards mean few categories: only suppliers with enough processes are compared.
    const varieties = [...bySupplier.entries()]
      .filter(([, entry]) => entry.processes >= parameters.minimumContractingProcesses)
      .map(([id, entry]) => ({ id, variety: entry.classifications.size }));
    const fence = typeof parameters.threshold === 'number' ? parameters.threshold : upperFence(quartiles(varieties.map((entry) => entry.variety)));
    for (const { id, variety } of varieties) if (variety >= fence) setResult(results, 'Tenderer', id, 'R048', variety);
    return results;
  },
};
