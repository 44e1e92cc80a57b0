// Shares in per cent as people read them on a dashboard.

/**
 * `part` of `whole` in whole per cent (0–100), or null when `whole` is 0 (a share of nothing). Rounded to
 * the nearest, except at the ends: a share that is not nothing never reads 0 % (2 pupils of 640 in the
 * programme are 1 %, not «0 %», which says nobody is), and one that is not all never reads 100 % (199 tasks
 * of 200 done are 99 %, not «100 %», which says the IDP is complete). Counts are whole, `part ≤ whole`.
 */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const rounded = Math.round((part / whole) * 100);
  if (part > 0 && rounded === 0) return 1;
  if (part < whole && rounded === 100) return 99;
  return rounded;
}
