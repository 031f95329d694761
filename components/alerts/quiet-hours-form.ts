/** The person's quiet hours as GET /api/alerts/settings answers them. */
export interface QuietHoursSettings {
  quietStart: string | null;
  quietEnd: string | null;
  timezone: string;
}

/** What the form holds: the times as typed ("HH:MM"), the zone, and whether quiet hours are on. */
export interface QuietHoursForm {
  enabled: boolean;
  start: string;
  end: string;
  zone: string;
}

export type FormField = "start" | "end" | "zone";

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The zone this browser is in (what a new setting starts with); UTC when it cannot say. */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone.trim() });
    return true;
  } catch {
    return false;
  }
}

/**
 * The form's starting values: the saved ones; with none saved (off), 22:00–07:00 in the browser's zone, ready to
 * switch on. (The API answers UTC until a zone is saved, so an off setting takes the browser's zone.)
 */
export function settingsToForm(s: QuietHoursSettings, fallbackZone: string): QuietHoursForm {
  const enabled = s.quietStart !== null && s.quietEnd !== null;
  return {
    enabled,
    start: s.quietStart ?? "22:00",
    end: s.quietEnd ?? "07:00",
    zone: enabled ? s.timezone : fallbackZone,
  };
}

/** The PUT body, or the field-level problems in words. Off saves no quiet hours (the zone is kept). */
export function formToBody(
  f: QuietHoursForm,
): { ok: true; body: QuietHoursSettings } | { ok: false; errors: Partial<Record<FormField, string>> } {
  const errors: Partial<Record<FormField, string>> = {};
  const zone = f.zone.trim();
  if (!isKnownZone(zone)) errors.zone = "Enter a time zone such as Europe/London or Australia/Melbourne.";
  if (f.enabled) {
    if (!HHMM.test(f.start)) errors.start = "Enter the start as a 24-hour time, such as 22:00.";
    if (!HHMM.test(f.end)) errors.end = "Enter the end as a 24-hour time, such as 07:00.";
    if (!errors.start && !errors.end && f.start === f.end) errors.end = "The end must differ from the start.";
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: f.enabled
      ? { quietStart: f.start, quietEnd: f.end, timezone: zone }
      : { quietStart: null, quietEnd: null, timezone: zone },
  };
}

/** A failed save in words: the API's own message when it gave one. */
export function saveError(status: number, body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message) return message;
  if (status === 401) return "You are signed out. Sign in again to save.";
  return `The settings could not be saved (HTTP ${status}).`;
}
