import cliProgress from "cli-progress";

/** A progress bar for a long phase (plain log lines when stdout is not a terminal, e.g. in CI). */
export function progressBar(label: string, total: number): { tick(n?: number): void; stop(): void } {
  if (!process.stdout.isTTY) {
    let done = 0;
    let lastPct = -1;
    return {
      tick(n = 1) {
        done += n;
        const pct = Math.floor((done / Math.max(1, total)) * 4) * 25;
        if (pct !== lastPct && pct < 100) console.log(`  ${label}: ${pct}%`);
        lastPct = pct;
      },
      stop: () => console.log(`  ${label}: done`),
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `  ${label.padEnd(28)} [{bar}] {percentage}% {value}/{total} {duration_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}

/** Runs `fn` while a bar advances with wall time towards `ms` (phases whose progress is time itself). */
export async function timedPhase<T>(label: string, ms: number, fn: () => Promise<T>): Promise<T> {
  const steps = Math.max(1, Math.round(ms / 1000));
  const bar = progressBar(label, steps);
  let done = 0;
  const timer = setInterval(() => {
    if (done < steps) {
      done++;
      bar.tick();
    }
  }, ms / steps);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    if (done < steps) bar.tick(steps - done);
    bar.stop();
  }
}
