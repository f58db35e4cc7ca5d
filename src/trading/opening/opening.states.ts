/** EB-06: who is at fault when a bid cannot be decrypted decides what it becomes. */
export const DECRYPTION_FAILURES = {
  /** The bidder did not decrypt within the window: deemed revoked (撤销). */
  notDecryptedInTime: { status: 'revoked', reason: '未在解密时限内完成解密，按EB-06视为撤销投标（投标人原因）' },
  /** The stored ciphertext no longer matches its receipt: the platform's fault, deemed withdrawn (撤回), deposit refunded. */
  storageMismatch: { status: 'withdrawnPlatformFault', reason: '平台存储的密文与回执摘要不符，按EB-06视为撤回投标（非投标人原因），保证金应予退还' },
} as const;
