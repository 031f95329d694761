import type { TariffPlanInput } from "./schema";

/** Starting points for a new plan (typical Australian retail figures, GST included); a person edits the rates. */
export interface TariffPreset {
  id: "flat" | "tou" | "flat-capped-feed-in" | "block";
  label: string;
  description: string;
  plan: Omit<TariffPlanInput, "effectiveFrom">;
}

export const TARIFF_PRESETS: readonly TariffPreset[] = [
  {
    id: "flat",
    label: "Single rate",
    description: "One price for all imported energy, a daily supply charge and a flat feed-in tariff.",
    plan: {
      name: "Single rate",
      supply: { centsPerDay: 110 },
      import: { kind: "flat", centsPerKwh: 30 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    },
  },
  {
    id: "tou",
    label: "Time of use",
    description:
      "Peak 15:00–21:00 on weekdays, off-peak 22:00–07:00 every day, shoulder otherwise; public holidays as weekends.",
    plan: {
      name: "Time of use",
      supply: { centsPerDay: 115 },
      import: {
        kind: "tou",
        periods: [
          { name: "Peak", centsPerKwh: 45, windows: [{ days: ["weekday"], from: "15:00", to: "21:00" }] },
          {
            name: "Shoulder",
            centsPerKwh: 28,
            windows: [
              { days: ["weekday"], from: "07:00", to: "15:00" },
              { days: ["weekday"], from: "21:00", to: "22:00" },
              { days: ["weekend"], from: "07:00", to: "22:00" },
            ],
          },
          {
            name: "Off-peak",
            centsPerKwh: 18,
            windows: [{ days: ["weekday", "weekend"], from: "22:00", to: "07:00" }],
          },
        ],
      },
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    },
  },
  {
    id: "flat-capped-feed-in",
    label: "Single rate, capped feed-in",
    description: "One import price; the first 10 kWh exported each day earn a higher rate, the rest a lower one.",
    plan: {
      name: "Single rate with feed-in cap",
      supply: { centsPerDay: 105 },
      import: { kind: "flat", centsPerKwh: 31 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 10 }, dailyCap: { kwh: 10, aboveCentsPerKwh: 3 } },
    },
  },
  {
    id: "block",
    label: "Stepped (block)",
    description: "The first 11 kWh imported each day at one rate, the rest at a higher one.",
    plan: {
      name: "Stepped",
      supply: { centsPerDay: 100 },
      import: { kind: "block", basis: "day", steps: [{ upToKwh: 11, centsPerKwh: 27 }], thenCentsPerKwh: 33 },
      feedIn: { rates: { kind: "flat", centsPerKwh: 5 } },
    },
  },
];

/** A preset as a plan input starting on a day. */
export function presetPlan(id: TariffPreset["id"], effectiveFrom: string): TariffPlanInput {
  const preset = TARIFF_PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`No tariff preset '${id}'`);
  return { ...structuredClone(preset.plan), effectiveFrom };
}
