import type { Page } from "playwright-core";
import type { E2eTest } from "../harness";
import { expectTrue } from "../harness";
import { signInAs } from "./sign-in";

/** GETs a same-origin JSON API with the page's session. */
async function api<T>(page: Page, path: string): Promise<T> {
  return (await page.evaluate(`fetch(${JSON.stringify(path)}, { cache: "no-store" }).then((r) => r.json())`)) as T;
}

interface Row {
  key: string;
  unknownIntervals: number;
  netCents: number | null;
  importCents: number | null;
  savings: { vsNoSystemCents: number | null };
  carbon: { importG: number | null };
}

const cents = (v: number | null) => (v === null ? null : Math.round(v));

/**
 * The money card shows today's net cost equal (to the cent) to the costs API's row, the API's interval costs add up
 * to the day's import cost, savings and carbon are present, and the month view draws cost bars beside the energy.
 */
export const moneyTests: E2eTest[] = [
  {
    name: "money: the card's today equals the costs API to the cent; savings, carbon and cost bars present",
    async run(ctx) {
      const { page, close } = await ctx.newPage();
      await signInAs(page, ctx.baseUrl, "owner");
      let problems: string[] = [];
      // Today's cost grows every 5 minutes: compare the card with the API read just before it, retrying a reload.
      for (let attempt = 0; attempt < 3; attempt++) {
        problems = [];
        await page.goto(`${ctx.baseUrl}/dashboard/home`);
        const id = "home"; // the system reference takes the alias
        const day = await api<{ rows: Row[]; to: string; warnings: string[] }>(
          page,
          `/api/systems/${id}/costs?period=day`,
        );
        await page.waitForSelector('[data-testid="money-card"][data-state="ready"]', { timeout: 30_000 });
        const shown = await page.getByTestId("money-today").getAttribute("data-cents");
        const today = day.rows.find((r) => r.key === day.to);
        if (!today) problems.push("the API has no row for today");
        else if (today.netCents === null) {
          problems.push(
            `today's net is unknown (${today.unknownIntervals} unknown intervals; ${day.warnings.join("; ")})`,
          );
        } else if (cents(today.netCents) !== (shown === "" || shown === null ? null : Math.round(Number(shown)))) {
          problems.push(`card today ${shown} vs API ${today.netCents}`);
        }
        const withIntervals = await api<{ rows: Row[]; intervals: Array<{ importCents: number | null }> }>(
          page,
          `/api/systems/${id}/costs?period=day&from=${day.to}&to=${day.to}&intervals=1`,
        );
        const row = withIntervals.rows[0];
        if (row?.importCents !== null && row?.importCents !== undefined) {
          const sum = withIntervals.intervals.reduce((a, iv) => a + (iv.importCents ?? NaN), 0);
          if (Math.round(sum) !== Math.round(row.importCents)) {
            problems.push(`intervals add up to ${sum} c, the day's import is ${row.importCents} c`);
          }
        }
        if (!problems.length) break;
      }
      // Today's savings and carbon are shown; the month's match the API (unknown when a day of it has unknown energy).
      const saved = await page.getByTestId("money-today-saved").getAttribute("data-cents");
      const carbon = (await page.getByTestId("money-today-carbon").textContent()) ?? "";
      expectTrue(saved !== null && saved !== "", "no savings figure for today");
      expectTrue(/\d kg/.test(carbon), `today's carbon "${carbon}"`);
      const month = await api<{ total: Row; warnings: string[] }>(page, "/api/systems/home/costs?period=month");
      const monthCarbon = await page.getByTestId("money-month-carbon").getAttribute("data-g");
      expectTrue(
        (month.total.carbon.importG === null) === (monthCarbon === "" || monthCarbon === null),
        `month carbon shown "${monthCarbon}" vs API ${month.total.carbon.importG} (${month.warnings.join("; ")})`,
      );
      await ctx.screenshot(page, "money-home-1D");
      await page.goto(`${ctx.baseUrl}/dashboard/home?period=M`);
      await page.waitForSelector('[data-testid="money-bars"]', { timeout: 30_000 });
      await page.getByTestId("money-bars-data").waitFor({ state: "attached", timeout: 30_000 });
      await ctx.screenshot(page, "money-home-M");
      await close();
      expectTrue(problems.length === 0, problems.join("\n"));
    },
  },
];
