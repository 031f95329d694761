import { formatEnergy, formatPercent, formatPower } from "./power";

/** Any point value with its canonical unit: W and Wh scaled, %, c/kWh, c; other units appended as given. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "W":
      return formatPower(value);
    case "Wh":
      return formatEnergy(value);
    case "%":
      return formatPercent(value);
    case "c/kWh":
      return `${value.toFixed(1)} c/kWh`;
    case "c":
      return `${value < 0 ? "−" : ""}$${(Math.abs(value) / 100).toFixed(2)}`;
    case "ms":
      return new Date(value).toISOString();
    default: {
      const text = Number.isInteger(value) ? String(value) : value.toFixed(2);
      return unit ? `${text} ${unit}` : text;
    }
  }
}
