import type { E2eContext, E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

interface Point {
  id: number;
  displayName: string;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
}

/**
 * Issue #19: any EV load point gets the EV card and charging sessions. Beside the demo's own "EV Charger" circuit
 * (typed load.ev by the Mondo mapper), the test marks the circuits system's "Power Points" circuit as an EV load
 * (type load, subtype ev) through the point API, checks the card and the sessions page (both audited), and puts
 * the circuit back.
 */
async function evCardAndSessions(ctx: E2eContext): Promise<void> {
  const { page, close } = await ctx.newPage();
  const headers = { origin: ctx.baseUrl, "content-type": "application/json" };
  let changed: Point[] = [];
  try {
    await signInAs(page, ctx.baseUrl, "owner");
    const res = await page.request.get(`${ctx.baseUrl}/api/systems/circuits/points`);
    expectTrue(res.ok(), `points answered ${res.status()}`);
    const { points } = (await res.json()) as { points: Point[] };
    changed = points.filter(
      (p) => p.type === "load" && /power points/i.test(p.displayName) && ["power", "energy"].includes(p.metricType),
    );
    expectTrue(changed.length > 0, "the circuits system has no Power Points circuit");
    for (const p of changed) {
      const r = await page.request.patch(`${ctx.baseUrl}/api/systems/circuits/points/${p.id}`, {
        headers,
        data: { subtype: "ev", extension: null },
      });
      expectTrue(r.ok(), `marking point ${p.id} as the EV load answered ${r.status()}`);
    }
    await page.goto(`${ctx.baseUrl}/dashboard/circuits`);
    await page.getByTestId("ev-card").waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="ev-state"]');
      return el !== null && el.textContent !== "Loading…";
    });
    await ctx.screenshot(page, "ev-card-desktop");
    await page.getByTestId("ev-sessions-link").click();
    await page.waitForURL((url) => url.pathname.endsWith("/ev"));
    await page.getByRole("heading", { name: "Charging sessions" }).waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="ev-sessions-status"]');
      return el !== null && el.textContent !== "Loading…";
    });
    const text = await page.locator("main").innerText();
    expectTrue(!/Could not load|no EV charger/.test(text), `the sessions page failed: ${text.slice(0, 300)}`);
    const csv = await page.request.get(`${ctx.baseUrl}/api/systems/circuits/charging-sessions?format=csv`);
    expectTrue(csv.ok() && (await csv.text()).startsWith("day,start_utc"), `CSV answered ${csv.status()}`);
    await ctx.screenshot(page, "ev-sessions-desktop");
  } finally {
    for (const p of changed) {
      await page.request
        .patch(`${ctx.baseUrl}/api/systems/circuits/points/${p.id}`, {
          headers,
          data: { subtype: p.subtype, extension: p.extension },
        })
        .catch(() => undefined);
    }
    await close();
  }
}

export const evSessionsTests: E2eTest[] = [
  { name: "ev: a circuit marked as the EV load shows the EV card and its charging sessions", run: evCardAndSessions },
];
