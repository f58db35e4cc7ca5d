// npm run receipt:verify -- PROOF.json --key KEY [--checkpoints FILE] — a bidder checks, without
// the platform, that its receipt is in a signed public checkpoint. PROOF.json: the saved answer of
// GET /api/bids/:id/receipt-proof. KEY: the platform's public key (PEM, or the saved answer of
// GET /api/public/receipt-key). FILE: a copy of GET /api/public/audit/checkpoints saved by someone
// other than the platform, which must hold the same checkpoint. Exit code 0: included; 1: not; 2: could not check.
import { parseArgs } from 'node:util';
import { readCheckpointsFile, readPublicKey, readReceiptProof, verifyReceipt } from './verify-command';

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { key: { type: 'string' }, checkpoints: { type: 'string' } } });
  if (positionals.length !== 1 || !values.key) throw new Error('用法 / Usage: npm run receipt:verify -- PROOF.json --key KEY [--checkpoints FILE]');
  process.exitCode = verifyReceipt(readReceiptProof(positionals[0]!), readPublicKey(values.key), values.checkpoints ? readCheckpointsFile(values.checkpoints) : undefined, console.log);
} catch (error) {
  console.error('无法核验 / Could not check:', error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
