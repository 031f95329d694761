"use client";

import { createContext, useContext, type ReactNode } from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { DayKind } from "@/lib/tariffs/schema";
import { newWindow, type FormErrors, type PeriodForm, type WindowForm } from "./tariff-form";

/** True in the viewers' read-only view: the form is disabled and its add/remove buttons are left out. */
export const ReadOnlyContext = createContext(false);

/** The DOM id of the input for a plan path ("import.periods.0.name" → "tariff-import-periods-0-name"). */
export const fieldId = (path: string) => `tariff-${path.replace(/\./g, "-")}`;

/** Props that tie an input to its help and error text (only ids that exist). */
export function describedBy(path: string, errors: FormErrors, help?: boolean) {
  const id = fieldId(path);
  const ids = [help ? `${id}-help` : "", errors[path] ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-invalid": errors[path] ? true : undefined, "aria-describedby": ids || undefined };
}

/** A labelled text input bound to one plan path. */
export function TextField({
  path,
  label,
  value,
  onChange,
  errors,
  help,
  className,
  inputMode,
  placeholder,
  type,
}: {
  path: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  errors: FormErrors;
  help?: ReactNode;
  className?: string;
  inputMode?: "decimal" | "numeric" | "text";
  placeholder?: string;
  type?: string;
}) {
  return (
    <Field id={fieldId(path)} label={label} help={help} error={errors[path]} className={className}>
      <Input
        {...describedBy(path, errors, Boolean(help))}
        type={type}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** A labelled native select bound to one plan path. */
export function SelectField<T extends string>({
  path,
  label,
  value,
  onChange,
  options,
  errors,
  help,
  className,
}: {
  path: string;
  label: ReactNode;
  value: T;
  onChange: (v: T) => void;
  options: ReadonlyArray<readonly [T, string]>;
  errors: FormErrors;
  help?: ReactNode;
  className?: string;
}) {
  return (
    <Field id={fieldId(path)} label={label} help={help} error={errors[path]} className={className}>
      <Select
        {...describedBy(path, errors, Boolean(help))}
        value={value}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A checkbox with its label beside it. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        className="size-4 accent-primary"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
    </div>
  );
}

/** An error that belongs to a group (a schedule, a list) rather than one input. */
export function GroupError({ path, errors }: { path: string; errors: FormErrors }) {
  if (!errors[path]) return null;
  return (
    <p id={`${fieldId(path)}-error`} role="alert" className="text-sm font-medium text-destructive">
      {errors[path]}
    </p>
  );
}

const DAY_OPTIONS: ReadonlyArray<readonly [DayKind, string]> = [
  ["weekday", "Weekdays"],
  ["weekend", "Weekends"],
  ["holiday", "Public holidays"],
];

/** One window: kinds of day, local from–to, and an optional season (months). */
export function WindowEditor({
  path,
  label,
  value,
  onChange,
  onRemove,
  errors,
}: {
  path: string;
  label: string;
  value: WindowForm;
  onChange: (w: WindowForm) => void;
  onRemove?: () => void;
  errors: FormErrors;
}) {
  const readOnly = useContext(ReadOnlyContext);
  const toggle = (kind: DayKind, on: boolean) =>
    onChange({
      ...value,
      days: DAY_OPTIONS.map(([k]) => k).filter((k) => (k === kind ? on : value.days.includes(k))),
    });
  return (
    <fieldset className="space-y-3 rounded-md border border-dashed p-3" data-testid="tariff-window">
      <legend className="px-1 text-sm font-medium">{label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2" role="group" aria-label={`Days of ${label.toLowerCase()}`}>
        {DAY_OPTIONS.map(([kind, text]) => (
          <CheckField
            key={kind}
            id={`${fieldId(path)}-${kind}`}
            label={text}
            checked={value.days.includes(kind)}
            onChange={(on) => toggle(kind, on)}
          />
        ))}
      </div>
      <GroupError path={`${path}.days`} errors={errors} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-[8rem_8rem_1fr]">
        <TextField
          path={`${path}.from`}
          label="From"
          placeholder="HH:mm"
          value={value.from}
          onChange={(from) => onChange({ ...value, from })}
          errors={errors}
        />
        <TextField
          path={`${path}.to`}
          label="To"
          placeholder="HH:mm"
          value={value.to}
          onChange={(to) => onChange({ ...value, to })}
          errors={errors}
        />
        <TextField
          path={`${path}.months`}
          label="Months (season)"
          placeholder="all year"
          className="col-span-2 sm:col-span-1"
          value={value.months}
          onChange={(months) => onChange({ ...value, months })}
          errors={errors}
        />
      </div>
      <GroupError path={path} errors={errors} />
      {onRemove && !readOnly && (
        <Button type="button" variant="ghost" size="sm" onClick={onRemove}>
          <Trash2 aria-hidden="true" /> Remove {label.toLowerCase()}
        </Button>
      )}
    </fieldset>
  );
}

/** A list of windows (a demand charge's, or one period's). */
export function WindowList({
  path,
  windows,
  onChange,
  errors,
  owner,
}: {
  path: string;
  windows: WindowForm[];
  onChange: (ws: WindowForm[]) => void;
  errors: FormErrors;
  /** Whose windows, for button names ("Peak"). */
  owner: string;
}) {
  const readOnly = useContext(ReadOnlyContext);
  return (
    <div className="space-y-3">
      {windows.map((w, j) => (
        <WindowEditor
          key={j}
          path={`${path}.${j}`}
          label={`Window ${j + 1}`}
          value={w}
          errors={errors}
          onChange={(next) => onChange(windows.map((x, k) => (k === j ? next : x)))}
          onRemove={windows.length > 1 ? () => onChange(windows.filter((_, k) => k !== j)) : undefined}
        />
      ))}
      <GroupError path={path} errors={errors} />
      {!readOnly && (
        <Button type="button" variant="outline" size="sm" onClick={() => onChange([...windows, newWindow()])}>
          <Plus aria-hidden="true" /> Add window{owner ? ` to ${owner}` : ""}
        </Button>
      )}
    </div>
  );
}

/** Named time-of-use periods, each with a rate and its windows. */
export function PeriodList({
  path,
  periods,
  onChange,
  errors,
}: {
  path: string;
  periods: PeriodForm[];
  onChange: (ps: PeriodForm[]) => void;
  errors: FormErrors;
}) {
  const readOnly = useContext(ReadOnlyContext);
  const set = (i: number, p: PeriodForm) => onChange(periods.map((x, k) => (k === i ? p : x)));
  return (
    <div className="space-y-4">
      <p className="text-xs text-muted-foreground">
        Times are the system&apos;s local clock. Together the periods must cover every minute of every kind of day once:
        22:00–07:00 runs past midnight, 24:00 ends a day. Months such as 11-3 make a season; blank is all year.
      </p>
      {periods.map((p, i) => {
        const label = p.name.trim() || `Period ${i + 1}`;
        return (
          <fieldset key={i} className="space-y-3 rounded-md border p-3" data-testid="tariff-period">
            <legend className="px-1 text-sm font-semibold">Period {i + 1}</legend>
            <div className="grid grid-cols-2 gap-3 sm:max-w-md">
              <TextField
                path={`${path}.${i}.name`}
                label="Name"
                value={p.name}
                onChange={(name) => set(i, { ...p, name })}
                errors={errors}
              />
              <TextField
                path={`${path}.${i}.centsPerKwh`}
                label="Rate (c/kWh)"
                inputMode="decimal"
                value={p.rate}
                onChange={(rate) => set(i, { ...p, rate })}
                errors={errors}
              />
            </div>
            <WindowList
              path={`${path}.${i}.windows`}
              windows={p.windows}
              owner={label}
              errors={errors}
              onChange={(windows) => set(i, { ...p, windows })}
            />
            {periods.length > 1 && !readOnly && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => onChange(periods.filter((_, k) => k !== i))}
              >
                <Trash2 aria-hidden="true" /> Remove period {label}
              </Button>
            )}
          </fieldset>
        );
      })}
      <GroupError path={path} errors={errors} />
      {!readOnly && (
        <Button
          type="button"
          variant="outline"
          size="sm"
          onClick={() => onChange([...periods, { name: "", rate: "", windows: [newWindow(["weekday", "weekend"])] }])}
        >
          <Plus aria-hidden="true" /> Add period
        </Button>
      )}
    </div>
  );
}
