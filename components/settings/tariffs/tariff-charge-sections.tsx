"use client";

import type { ReactNode } from "react";
import { MONTHS } from "@/lib/format/time-axis";
import { AU_HOLIDAY_REGIONS } from "@/lib/tariffs/holidays";
import { CheckField, SelectField, TextField, WindowList } from "./tariff-fields";
import type { FormErrors, TariffForm } from "./tariff-form";

/** One titled group of the tariff editor. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="min-w-0 space-y-4 border-t pt-4">
      <legend className="pr-2 text-base font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/** What each section of the editor is given: the form, how to change it, and the problems found so far. */
interface SectionProps {
  form: TariffForm;
  update: (patch: Partial<TariffForm>) => void;
  errors: FormErrors;
}

/** A separately metered circuit's own rate and supply charge. */
export function ControlledLoadSection({ form, update, errors }: SectionProps) {
  const common = { errors };
  return (
    <Section title="Controlled load">
      <CheckField
        id="tariff-controlledLoad"
        label="A separately metered circuit (hot water, pool) with its own rate"
        checked={form.controlledLoad}
        onChange={(controlledLoad) => update({ controlledLoad })}
      />
      {form.controlledLoad && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path="controlledLoad.centsPerKwh"
            label="Controlled load rate (c/kWh)"
            inputMode="decimal"
            value={form.clRate}
            onChange={(clRate) => update({ clRate })}
            {...common}
          />
          <TextField
            path="controlledLoad.supplyCentsPerDay"
            label="Controlled load supply (c/day)"
            help="Blank for none."
            inputMode="decimal"
            value={form.clSupply}
            onChange={(clSupply) => update({ clSupply })}
            {...common}
          />
        </div>
      )}
    </Section>
  );
}

/** The demand charge: a rate on the highest 30-minute import in its windows. */
export function DemandSection({ form, update, errors }: SectionProps) {
  const common = { errors };
  return (
    <Section title="Demand charge">
      <CheckField
        id="tariff-demand"
        label="Charge for the highest 30-minute average import in a window"
        checked={form.demand}
        onChange={(demand) => update({ demand })}
      />
      {form.demand && (
        <div className="space-y-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              path="demand.centsPerKw"
              label="Demand rate (c/kW)"
              inputMode="decimal"
              value={form.demandRate}
              onChange={(demandRate) => update({ demandRate })}
              {...common}
            />
            <SelectField
              path="demand.per"
              label="Rate charged"
              options={[
                ["day", "per day of the billing period"],
                ["billingPeriod", "once per billing period"],
              ]}
              value={form.demandPer}
              onChange={(demandPer) => update({ demandPer })}
              {...common}
            />
          </div>
          <WindowList
            path="demand.windows"
            owner="the demand charge"
            windows={form.demandWindows}
            onChange={(demandWindows) => update({ demandWindows })}
            {...common}
          />
        </div>
      )}
    </Section>
  );
}

/** The editor's tax, billing period and public holiday fields. */
export function BillingSection({ form, update, errors }: SectionProps) {
  const common = { errors };
  return (
    <Section title="Tax, billing and public holidays">
      <CheckField
        id="tariff-taxIncluded"
        label="Rates include tax (GST)"
        checked={form.taxIncluded}
        onChange={(taxIncluded) => update({ taxIncluded })}
      />
      {!form.taxIncluded && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            path="tax.ratePct"
            label="Tax rate (%)"
            inputMode="decimal"
            value={form.taxRatePct}
            onChange={(taxRatePct) => update({ taxRatePct })}
            {...common}
          />
          <div className="sm:pt-8">
            <CheckField
              id="tariff-taxOnFeedIn"
              label="Feed-in credits include tax too"
              checked={form.taxOnFeedIn}
              onChange={(taxOnFeedIn) => update({ taxOnFeedIn })}
            />
          </div>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          path="billing.cycle"
          label="Billing period"
          options={[
            ["monthly", "Monthly"],
            ["quarterly", "Quarterly"],
          ]}
          value={form.billingCycle}
          onChange={(billingCycle) => update({ billingCycle })}
          {...common}
        />
        <TextField
          path="billing.startDay"
          label="Starts on day (1–28)"
          inputMode="numeric"
          value={form.billingStartDay}
          onChange={(billingStartDay) => update({ billingStartDay })}
          {...common}
        />
        {form.billingCycle === "quarterly" && (
          <SelectField
            path="billing.startMonth"
            label="A quarter starts in"
            options={MONTHS.map((m, i) => [String(i + 1), m] as const)}
            value={form.billingStartMonth}
            onChange={(billingStartMonth) => update({ billingStartMonth })}
            {...common}
          />
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          path="holidays.region"
          label="Public holidays of"
          options={[["", "none"] as const, ...AU_HOLIDAY_REGIONS.map((r) => [r, r] as const)]}
          value={form.holidayRegion}
          onChange={(holidayRegion) => update({ holidayRegion })}
          {...common}
        />
        <SelectField
          path="holidays.pricedAs"
          label="Public holidays are priced as"
          options={[
            ["weekend", "weekends"],
            ["weekday", "weekdays"],
            ["holiday", "their own windows"],
          ]}
          value={form.holidayPricedAs}
          onChange={(holidayPricedAs) => update({ holidayPricedAs })}
          {...common}
        />
        <TextField
          path="holidays.extraDates"
          label="Extra holidays"
          help="YYYY-MM-DD, separated by commas."
          value={form.holidayExtraDates}
          onChange={(holidayExtraDates) => update({ holidayExtraDates })}
          {...common}
        />
      </div>
    </Section>
  );
}
