import { rand01, smoothNoise } from "./random";

// Local aliases: global lookups are slow inside Jest's vm sandbox and this is the hot path.
const { abs, cos, exp, floor } = Math;

/** A household's plan for one local day (drawn once per day from the seed). */
export interface LoadDay {
  morningPeakMin: number;
  eveningPeakMin: number;
  /** Oven start (local minute of day) and length; length 0 = no oven today. */
  ovenStartMin: number;
  ovenLengthMin: number;
  /** HVAC rated W today (0 = off) and whether it is a summer (afternoon) or winter (morning/evening) pattern. */
  hvacRatedW: number;
  hvacSummer: boolean;
}

const gauss = (x: number, mu: number, sigma: number) => exp(-((x - mu) ** 2) / (2 * sigma * sigma));

/** Season of a local day: 1 in mid-summer, −1 in mid-winter, for the site's hemisphere. */
function season(localDay: number, southern: boolean): number {
  // Day 0 of the epoch is 1 January; the northern summer peaks near day 172.
  const phase = (2 * Math.PI * ((localDay % 365.2425) - 172)) / 365.2425;
  return southern ? -cos(phase) : cos(phase);
}

/** The seeded plan of a local day: when the peaks fall, whether the oven and the HVAC run. */
export function loadDay(seed: number, localDay: number, southern: boolean): LoadDay {
  const s = season(localDay, southern);
  const oven = rand01(seed, localDay, 206) < 0.45;
  const hvac = rand01(seed, localDay, 209) < 0.15 + 0.45 * abs(s);
  return {
    morningPeakMin: 435 + 60 * (rand01(seed, localDay, 202) - 0.5),
    eveningPeakMin: 1125 + 60 * (rand01(seed, localDay, 203) - 0.5),
    ovenStartMin: 1035 + floor(rand01(seed, localDay, 207) * 75),
    ovenLengthMin: oven ? 40 + floor(rand01(seed, localDay, 208) * 35) : 0,
    hvacRatedW: hvac ? 1200 + 1600 * rand01(seed, localDay, 210) : 0,
    hvacSummer: s >= 0,
  };
}

/** Seeded household load in W for one minute: base + morning/evening peaks + kettle, oven and HVAC bursts. */
export function householdLoadW(seed: number, baseLoadW: number, day: LoadDay, minute: number, t: number): number {
  const base = baseLoadW;
  let w = base * (0.8 + 0.4 * smoothNoise(seed, minute, 45, 201));
  if (t < 360 || t >= 1380) w *= 0.8; // asleep: fridge and standby only
  w += base * 1.3 * gauss(t, day.morningPeakMin, 50);
  w += base * 2.2 * gauss(t, day.eveningPeakMin, 90);

  // Kettle or toaster: 20-minute slots, more likely around meals.
  if (t >= 360 && t < 1320) {
    const slot = floor(minute / 20);
    const busy = (t >= 390 && t < 540) || (t >= 960 && t < 1200);
    const h = rand01(seed, slot, 204);
    if (h < (busy ? 0.3 : 0.1)) {
      const start = floor(rand01(seed, slot, 205) * 16);
      const inSlot = minute - slot * 20;
      if (inSlot >= start && inSlot < start + 3) w += 2200;
    }
  }

  // Oven on some evenings, cycling on its thermostat.
  const ovenT = t - day.ovenStartMin;
  if (ovenT >= 0 && ovenT < day.ovenLengthMin && ovenT % 6 < 4) w += 2400;

  // HVAC on hot or cold days: afternoons in summer, mornings and evenings in winter; the compressor modulates.
  if (day.hvacRatedW > 0) {
    const on = day.hvacSummer ? t >= 840 && t < 1290 : (t >= 390 && t < 540) || (t >= 1020 && t < 1320);
    if (on) w += day.hvacRatedW * (0.35 + 0.65 * smoothNoise(seed, minute, 12, 211));
  }
  return w;
}
