"use client";

import { createContext, useContext, type ReactNode } from "react";

// The share page's data requests carry its link's secret; everywhere else the session cookie authenticates.
const ApiAuthContext = createContext<string | null>(null);

/** Makes the dashboard's data requests below it authenticate with `Authorization: Bearer <secret>`. */
export function ApiAuthProvider({ bearer, children }: { bearer: string; children: ReactNode }) {
  return <ApiAuthContext.Provider value={bearer}>{children}</ApiAuthContext.Provider>;
}

/** The bearer secret the dashboard's requests carry, or null (cookie). */
export function useApiBearer(): string | null {
  return useContext(ApiAuthContext);
}
