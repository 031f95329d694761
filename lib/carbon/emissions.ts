/*
 * Emissions of grid import and emissions avoided by solar, per 5-minute interval, in grams CO2-e
 * (Wh × kg/kWh = g). Avoided = (self-consumed solar + export) × the same factor: a common, simple method that
 * assumes every kWh of solar displaces an average grid kWh; say so wherever the figure is shown.
 */

export interface CarbonInterval {
  endMs: number;
  importWh: number | null;
  exportWh: number | null;
  /** Solar used on site (not exported); undefined when the system has no solar. */
  selfConsumedSolarWh?: number | null;
  /** The retailer's reported renewables share for the interval (0–100), when known: scales the factor by (1 − share). */
  renewablesPct?: number | null;
}

export interface IntervalEmissions {
  endMs: number;
  importG: number | null;
  avoidedG: number | null;
}

/** The factor of one interval: the region's, scaled down by the grid's renewables share when it is known. */
export function intervalFactor(kgPerKwh: number, renewablesPct?: number | null): number {
  if (renewablesPct === null || renewablesPct === undefined) return kgPerKwh;
  return kgPerKwh * (1 - Math.min(100, Math.max(0, renewablesPct)) / 100);
}

/** Grams of CO2-e emitted by an interval's import and avoided by its solar; unknown energy gives null. */
export function intervalEmissions(iv: CarbonInterval, kgPerKwh: number): IntervalEmissions {
  const factor = intervalFactor(kgPerKwh, iv.renewablesPct);
  const self = iv.selfConsumedSolarWh === undefined ? 0 : iv.selfConsumedSolarWh;
  return {
    endMs: iv.endMs,
    importG: iv.importWh === null ? null : iv.importWh * factor,
    avoidedG: iv.exportWh === null || self === null ? null : (iv.exportWh + self) * factor,
  };
}

/** Totals of intervals (one unknown interval makes its total unknown). */
export function totalEmissions(rows: readonly IntervalEmissions[]): {
  importG: number | null;
  avoidedG: number | null;
} {
  let importG: number | null = 0;
  let avoidedG: number | null = 0;
  for (const r of rows) {
    importG = importG === null || r.importG === null ? null : importG + r.importG;
    avoidedG = avoidedG === null || r.avoidedG === null ? null : avoidedG + r.avoidedG;
  }
  return { importG, avoidedG };
}
