"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useApiBearer } from "./api-auth";

export interface PolledJson<T> {
  data: T | null;
  /** The API's `error.message`, or a plain-language network error; cleared by the next success. */
  error: string | null;
  loading: boolean;
  fetchedAtMs: number | null;
  refresh: () => void;
}

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: unknown } };
    if (typeof body?.error?.message === "string" && body.error.message) return body.error.message;
  } catch {
    // Not JSON (a proxy or crash page): fall through to the status line.
  }
  return `The server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}.`;
}

/**
 * Fetches JSON from `url` now and every `intervalMs` while the tab is visible (and at once when it becomes visible
 * again after a longer pause). Keeps the last good data when a refresh fails. `url` null pauses; `intervalMs` 0
 * fetches once (a past period whose data no longer changes). Under an ApiAuthProvider (a share link's page) the
 * requests carry its bearer secret.
 */
export function usePolledJson<T>(url: string | null, intervalMs: number): PolledJson<T> {
  const [state, setState] = useState<Omit<PolledJson<T>, "refresh">>({
    data: null,
    error: null,
    loading: url !== null,
    fetchedAtMs: null,
  });
  const seq = useRef(0);
  const lastStart = useRef(0);
  const controller = useRef<AbortController | null>(null);
  const bearer = useApiBearer();

  const load = useCallback(async () => {
    if (!url) return;
    const mine = ++seq.current;
    lastStart.current = Date.now();
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const res = await fetch(url, { cache: "no-store", signal: ac.signal, headers });
      if (!res.ok) throw new Error(await readError(res));
      const data = (await res.json()) as T;
      if (mine === seq.current) setState({ data, error: null, loading: false, fetchedAtMs: Date.now() });
    } catch (e) {
      if (ac.signal.aborted || mine !== seq.current) return;
      const message =
        e instanceof TypeError ? "Could not reach the server. Check your connection." : (e as Error).message;
      setState((s) => ({ ...s, error: message, loading: false }));
    }
  }, [url, bearer]);

  useEffect(() => {
    setState({ data: null, error: null, loading: url !== null, fetchedAtMs: null });
    if (!url) return;
    void load();
    const visible = () => document.visibilityState === "visible";
    if (intervalMs <= 0) return () => controller.current?.abort();
    const timer = window.setInterval(() => visible() && void load(), intervalMs);
    const onVisibility = () => {
      if (visible() && Date.now() - lastStart.current >= intervalMs) void load();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      controller.current?.abort();
    };
  }, [url, intervalMs, load]);

  return { ...state, refresh: () => void load() };
}
