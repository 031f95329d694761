/** Stateless, seeded pseudo-randomness: the same (seed, inputs) always gives the same number, in any order. */

// Local aliases: global lookups are slow inside Jest's vm sandbox and this is the hot path.
const { floor, imul } = Math;

/** A 32-bit integer hash of a seed and up to three integers. */
export function hash32(seed: number, a: number, b = 0, c = 0): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = mix(h, a);
  h = mix(h, b);
  h = mix(h, c);
  h = imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

function mix(h: number, v: number): number {
  // Both 32-bit halves are mixed in so minute indices beyond 2^32 (and negative days) still differ.
  h = imul(h ^ (v >>> 0), 0x85ebca6b);
  h = (h ^ (h >>> 13)) >>> 0;
  h = imul(h ^ (floor(v / 4294967296) >>> 0), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform number in [0, 1) from a seed and up to three integers. */
export function rand01(seed: number, a: number, b = 0, c = 0): number {
  return hash32(seed, a, b, c) / 4294967296;
}

/** Smooth value noise in [0, 1): random knots every `period` units, smoothstep-interpolated between them. */
export function smoothNoise(seed: number, x: number, period: number, channel = 0): number {
  const k = floor(x / period);
  const f = (x - k * period) / period;
  const w = f * f * (3 - 2 * f);
  return rand01(seed, k, channel, 7) * (1 - w) + rand01(seed, k + 1, channel, 7) * w;
}
