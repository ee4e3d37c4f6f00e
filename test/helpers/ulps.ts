/** Distance in units in the last place between two finite doubles of the same sign (0 when equal). */
export function ulps(a: number, b: number): number {
  const dv = new DataView(new ArrayBuffer(16));
  dv.setFloat64(0, a);
  dv.setFloat64(8, b);
  return Math.abs(Number(dv.getBigInt64(0) - dv.getBigInt64(8)));
}
