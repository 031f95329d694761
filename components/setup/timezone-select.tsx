"use client";

import * as React from "react";
import { Select } from "@/components/ui/select";

/** Every IANA zone the browser knows (plus UTC), for the time zone pickers. */
export function timezoneList(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** The browser's own zone, e.g. Australia/Melbourne. */
export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** A select of IANA zones; the current value is kept even if this browser does not list it. */
export const TimezoneSelect = React.forwardRef<HTMLSelectElement, React.SelectHTMLAttributes<HTMLSelectElement>>(
  function TimezoneSelect(props, ref) {
    const [zones, setZones] = React.useState<string[]>([]);
    // The list is built after mount so server and client render the same markup.
    React.useEffect(() => setZones(timezoneList()), []);
    const value = typeof props.value === "string" ? props.value : undefined;
    const options = value && !zones.includes(value) ? [value, ...zones] : zones;
    return (
      <Select ref={ref} {...props}>
        {options.length === 0 && value === undefined && <option value="">Loading time zones…</option>}
        {options.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, " ")}
          </option>
        ))}
      </Select>
    );
  },
);
