/**
 * Quartiles and Tukey fences as cardinal computes them. Cardinal uses the statrs crate, whose quantile
 * is Hyndman & Fan's type 8 (median-unbiased): position h = (n + 1/3)·p + 1/3 (1-based) between order
 * statistics, clamped to the minimum and maximum. This differs from spreadsheet QUARTILE (type 7), so
 * the same data can give other fences: keep type 8 to match cardinal's results.
 */

/** The p-quantile (0 ≤ p ≤ 1) by Hyndman & Fan type 8; NaN for no data. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0 || p < 0 || p > 1) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const position = (n + 1 / 3) * p + 1 / 3;
  const whole = Math.floor(position);
  if (whole <= 0 || p === 0) return sorted[0]!;
  if (whole >= n || p === 1) return sorted[n - 1]!;
  const below = sorted[whole - 1]!;
  const above = sorted[whole]!;
  return below + (position - whole) * (above - below);
}

export interface Quartiles {
  q1: number;
  q3: number;
}

export function quartiles(values: readonly number[]): Quartiles {
  return { q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
}

/** Q1 − 1.5·IQR: values at or below it are low outliers. */
export function lowerFence({ q1, q3 }: Quartiles): number {
  return q1 - 1.5 * (q3 - q1);
}

/** Q3 + 1.5·IQR: values at or above it are high outliers. */
export function upperFence({ q1, q3 }: Quartiles): number {
  return q3 + 1.5 * (q3 - q1);
}
