/**
 * GB/T 2260 region codes nest by prefix: 310000 (Shanghai) covers its districts 3101xx;
 * 370100 (Jinan) covers 3701xx; a district covers only itself; 000000 covers everything.
 */
export function regionPrefix(code: string): string {
  if (code === '000000') return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionCovers(scope: string, code: string): boolean {
  return code.startsWith(regionPrefix(scope));
}

/** The province (or municipality) a region belongs to: 310115 → 310000. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}
