/**
 * The speed control's stops, from 1 step per second (one step at a time, to follow) to as fast as it
 * goes, with their labels and their form in a share link (`speed=1`, absent at full speed).
 */

/** The stops of the speed control, in steps per second; the last, Infinity, is as fast as it goes. */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, Number.POSITIVE_INFINITY];

/** The speed control's starting stop: as fast as it goes. */
export const FULL_SPEED = Number.POSITIVE_INFINITY;

/** How a speed reads: "1 step/s", "20 steps/s", "as fast as it goes". */
export function speedLabel(stepsPerSecond: number): string {
  if (stepsPerSecond === Number.POSITIVE_INFINITY) return "as fast as it goes";
  return `${stepsPerSecond} step${stepsPerSecond === 1 ? "" : "s"}/s`;
}

/** The speed a share link gives (`1` … `500` of `SPEEDS`, or `max`), or undefined for any other text. */
export function parseSpeed(text: string): number | undefined {
  if (text === "max") return Number.POSITIVE_INFINITY;
  if (!/^[1-9][0-9]{0,3}$/.test(text)) return undefined;
  const n = Number(text);
  return SPEEDS.includes(n) ? n : undefined;
}

/** The speed as a share link writes it (`max` for full speed). */
export function speedText(stepsPerSecond: number): string {
  return stepsPerSecond === Number.POSITIVE_INFINITY ? "max" : String(stepsPerSecond);
}
