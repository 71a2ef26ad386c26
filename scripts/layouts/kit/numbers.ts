// Numbers as statistics tables print them.
import type { Rng } from '../random.ts';

export interface NumberFormat {
  decimals: number;
  /** Thousands separator: none, comma, or a thin space. */
  thousands: '' | ',' | ' ';
  /** Share of cells that are missing (`..`, `-`; not `…`: STSong's ellipsis comes back as ⋯). */
  missing: number;
}

export function randomNumberFormat(rng: Rng): NumberFormat {
  return { decimals: rng.pick([0, 0, 1, 1, 2]), thousands: rng.pick(['', '', ',', ' '] as const), missing: rng.pick([0, 0, 0.03, 0.08]) };
}

export function formatNumber(value: number, f: NumberFormat): string {
  const fixed = Math.abs(value).toFixed(f.decimals);
  const [int, frac] = fixed.split('.');
  const grouped = f.thousands ? int.replace(/\B(?=(\d{3})+(?!\d))/gu, f.thousands) : int;
  return `${value < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** One number cell: mostly positive magnitudes of one scale, sometimes a growth rate or missing. */
export function numberCell(rng: Rng, f: NumberFormat, scale: number): string {
  if (rng.chance(f.missing)) return rng.pick(['..', '-']);
  return formatNumber(rng.real(0.05, 1) * scale * (rng.chance(0.1) ? -0.1 : 1), f);
}
