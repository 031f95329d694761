"use client";

import { useEffect, useState } from "react";

/**
 * The current time, re-read every `intervalMs` so ages ("3 min ago") keep moving. Starts at `initialMs` when given
 * (a server-rendered time) so the first client render matches the server's markup.
 */
export function useNow(intervalMs = 15_000, initialMs?: number): number {
  const [now, setNow] = useState(() => initialMs ?? Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
