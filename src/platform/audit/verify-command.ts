import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../database/database';
import { checkpointSchema, verifyCheckpointSignature, verifyReceiptProof, type PublishedCheckpoint, type ReceiptProof } from './audit-checkpoint';
import { auditHead, verifyAuditChain } from './audit-trail';
import { compareChainWithCheckpoints } from './checkpoints';

/**
 * What `npm run audit:verify` and `npm run receipt:verify` do, as functions the tests call; the
 * CLI files only read their arguments and the environment. Exit codes: 0 intact, 1 broken or
 * disagreeing, 2 could not check.
 */
export type ExitCode = 0 | 1 | 2;
type Print = (line: string) => void;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`无法读取 ${file} / Cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A saved copy of GET /api/public/audit/checkpoints: one answer, several answers in an array, or the items alone. */
export function readCheckpointsFile(file: string): PublishedCheckpoint[] {
  const json = readJson(file);
  const items = Array.isArray(json) ? json.flatMap((x) => (x && typeof x === 'object' && 'items' in x ? (x as { items: unknown[] }).items : [x])) : (json as { items?: unknown }).items;
  const parsed = z.array(checkpointSchema).safeParse(items);
  if (!parsed.success) throw new Error(`${file} 不是检查点列表 / ${file} is not a list of checkpoints: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** A PEM file, or a saved answer of GET /api/public/receipt-key. */
export function readPublicKey(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  return text.trimStart().startsWith('{') ? (JSON.parse(text) as { publicKeyPem: string }).publicKeyPem : text;
}

export async function verifyAuditTrail(
  database: { db: Db; kind: string },
  options: { checkpoints?: PublishedCheckpoint[]; publicKeyPem?: string; onProgress?: (done: number, total: number) => void },
  print: Print,
): Promise<ExitCode> {
  const { checkpoints, publicKeyPem } = options;
  if (checkpoints) {
    if (!publicKeyPem) throw new Error('核对检查点需要平台公钥 / Checking checkpoints needs the platform’s public key');
    const forged = checkpoints.filter((c) => !verifyCheckpointSignature(c, publicKeyPem));
    if (forged.length) {
      print(`签名无效 / NOT SIGNED by the platform’s key: checkpoint${forged.length > 1 ? 's' : ''} ${forged.map((c) => `#${c.seq}`).join(', ')}; this file cannot be relied on`);
      return 2;
    }
  }
  const head = await auditHead(database.db);
  print(`审计链校验 / Verifying the audit trail: ${head.seq} entries (${database.kind})`);
  const started = performance.now();
  const outcome = await verifyAuditChain(database.db, { upTo: head.seq, onProgress: options.onProgress });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (outcome.ok) print(`完好 / INTACT: ${outcome.checked} entries in ${seconds} s; head #${outcome.head.seq} ${outcome.head.hash}`);
  else print(`已被篡改 / BROKEN at entry #${outcome.break.seq} (${outcome.break.reason}); entries 1–${outcome.checked} are intact`);
  if (!checkpoints) return outcome.ok ? 0 : 1;

  const c = await compareChainWithCheckpoints(database.db, checkpoints);
  if (c.agrees) {
    print(`与检查点一致 / AGREES with ${c.checkpoints} signed checkpoints up to entry #${c.upTo}` + (head.seq > c.upTo ? `; entries #${c.upTo + 1}–#${head.seq} are newer than the last checkpoint in the file` : ''));
    return outcome.ok ? 0 : 1;
  }
  if (c.kind === 'rewritten')
    print(
      `与检查点不符 / DISAGREES with the checkpoint of ${c.checkpointAt}: entry #${c.seq} now has hash ${c.actualHash}, the checkpoint signed ${c.expectedHash}. ` +
        `An entry among #${c.from}–#${c.to} was rewritten and the hashes after it recomputed`,
    );
  else if (c.head < c.seq)
    print(`链尾缺失 / MISSING TAIL: the chain ends at entry #${c.head}, but the checkpoint of ${c.checkpointAt} vouches for entry #${c.seq}: entries #${c.from}–#${c.to} were removed`);
  else print(`条目缺失 / MISSING ENTRY #${c.seq}, which the checkpoint of ${c.checkpointAt} vouches for`);
  return 1;
}

/** Checks a bidder's saved proof offline: receipt -> proof -> signed checkpoint, and that checkpoint against a saved list. */
export function verifyReceipt(proof: ReceiptProof, publicKeyPem: string, savedCheckpoints: PublishedCheckpoint[] | undefined, print: Print): ExitCode {
  const problems = verifyReceiptProof(proof, publicKeyPem);
  const cp = proof.checkpoint;
  if (cp && savedCheckpoints && !savedCheckpoints.some((s) => s.seq === cp.seq && s.headHash === cp.headHash && s.receiptsRoot === cp.receiptsRoot && s.signature === cp.signature))
    problems.push({ 'zh-CN': `已保存的检查点列表中没有第${cp.seq}号检查点`, 'en-US': `The saved checkpoints do not include checkpoint #${cp.seq}` });
  if (problems.length === 0) {
    print(`回执已存证 / RECEIPT INCLUDED in the checkpoint of ${cp!.createdAt} (audit entry #${cp!.seq}), signed by key ${cp!.signingKeyId}`);
    return 0;
  }
  for (const p of problems) print(`未通过 / FAILED: ${p['zh-CN']} / ${p['en-US']}`);
  return 1;
}

export function readReceiptProof(file: string): ReceiptProof {
  return readJson(file) as ReceiptProof;
}
