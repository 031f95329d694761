/*
 * The one place money is rounded. Rates, interval costs and every total stay fractional cents from the engine
 * to the API; a figure is rounded to whole cents only when it is shown or exported (screen, CSV, a stored bill).
 */

/** Whole cents for display or export (half away from zero); null stays null. */
export function roundCents(cents: number | null): number | null {
  if (cents === null) return null;
  const r = Math.sign(cents) * Math.round(Math.abs(cents));
  return r === 0 ? 0 : r;
}

/** "$12.34" (or the currency's own symbol) from cents; "—" when unknown. */
export function formatMoney(cents: number | null, currency = "AUD", locale = "en-AU"): string {
  const whole = roundCents(cents);
  if (whole === null) return "—";
  return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2 }).format(whole / 100);
}
