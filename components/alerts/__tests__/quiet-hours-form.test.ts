import { formToBody, isKnownZone, saveError, settingsToForm } from "@/components/alerts/quiet-hours-form";
import { userQuietHoursSchema } from "@/lib/alerts/service";

const on = { enabled: true, start: "22:00", end: "07:00", zone: "Europe/London" };

describe("quiet hours form", () => {
  it.each([
    {
      name: "nothing saved: off, 22:00–07:00 in the browser's zone",
      saved: { quietStart: null, quietEnd: null, timezone: "UTC" },
      form: { enabled: false, start: "22:00", end: "07:00", zone: "Australia/Melbourne" },
    },
    {
      name: "saved: as saved, in the saved zone",
      saved: { quietStart: "23:30", quietEnd: "06:00", timezone: "Europe/London" },
      form: { enabled: true, start: "23:30", end: "06:00", zone: "Europe/London" },
    },
  ])("starts from $name", ({ saved, form }) => {
    expect(settingsToForm(saved, "Australia/Melbourne")).toEqual(form);
  });

  it.each([
    { name: "on", f: on, body: { quietStart: "22:00", quietEnd: "07:00", timezone: "Europe/London" } },
    {
      name: "off keeps the zone",
      f: { ...on, enabled: false, start: "" },
      body: { quietStart: null, quietEnd: null, timezone: "Europe/London" },
    },
    {
      name: "a zone with spaces around",
      f: { ...on, zone: " UTC " },
      body: { quietStart: "22:00", quietEnd: "07:00", timezone: "UTC" },
    },
  ])("saves $name as the API accepts it", ({ f, body }) => {
    const res = formToBody(f);
    expect(res).toEqual({ ok: true, body });
    // The body passes the route's own schema.
    expect(userQuietHoursSchema.safeParse(body).success).toBe(true);
  });

  it.each([
    { name: "an unknown zone", f: { ...on, zone: "Mars/Olympus" }, errors: { zone: /time zone such as/ } },
    { name: "an empty zone", f: { ...on, zone: "" }, errors: { zone: /time zone/ } },
    { name: "a start not a time", f: { ...on, start: "25:00" }, errors: { start: /24-hour time/ } },
    { name: "no end", f: { ...on, end: "" }, errors: { end: /24-hour time/ } },
    { name: "start equal to end", f: { ...on, end: "22:00" }, errors: { end: /differ from the start/ } },
  ])("refuses $name in words", ({ f, errors }) => {
    const res = formToBody(f);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(Object.keys(res.errors).sort()).toEqual(Object.keys(errors).sort());
    for (const [k, re] of Object.entries(errors)) expect(res.errors[k as keyof typeof res.errors]).toMatch(re);
  });

  it("knows IANA zones", () => {
    expect(isKnownZone("Australia/Melbourne")).toBe(true);
    expect(isKnownZone("Not/AZone")).toBe(false);
  });

  it.each([
    [400, { error: { message: "quiet hours are given as HH:MM (24-hour clock)" } }, /HH:MM/],
    [401, null, /signed out/],
    [500, "oops", /could not be saved \(HTTP 500\)/],
  ])("says why a save failed (HTTP %s)", (status, body, re) => {
    expect(saveError(status, body)).toMatch(re);
  });
});
