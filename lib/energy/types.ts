/**
 * Power paths the dashboard's power chart asks for (globs allowed by the history API). Energy is not computed in
 * the browser: every energy figure comes from the server's accounts (lib/accounts, GET /api/systems/{id}/energy).
 */
export const POWER_KEYS = [
  "source.solar*/power",
  "load/power",
  "bidi.battery/power",
  "bidi.grid/power",
  "bidi.battery/soc",
] as const;
