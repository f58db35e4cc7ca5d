/** Money is integer fen everywhere; these only format it for people. */
export const formatYuan = (fen: number): string => formatFen(BigInt(fen));

export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/** Exact yuan of a bigint amount in fen (the ledger's amounts may pass 2^53). */
export function formatFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}
