import { DateTime } from "luxon";
import { grant } from "@/lib/vendors/tesla/__tests__/helpers";
import { simulator } from "../sim";
import { startEmulators, type RunningEmulators } from "../server";
import { TESLA_DEMO_SITE, TESLA_DEMO_WALL_CONNECTORS } from "../tesla/accounts";

// The demo's emulators (the default list): the Powerwall site has its Wall Connector, also after a reset, and it
// carries the car's home charging (7 kW, 10:00–14:00 on most days).
const SITE = "1689000000000001";
let emu: RunningEmulators;

beforeAll(async () => {
  emu = await startEmulators({ port: 0 });
});
afterAll(async () => {
  await emu.close();
});

async function wallConnectors(nowMs: number): Promise<Array<{ din: string; wall_connector_power: number }>> {
  emu.control.setClock(nowMs);
  const { accessToken } = await grant(emu);
  const res = await fetch(`${emu.urls.tesla}/api/1/energy_sites/${SITE}/live_status`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(res.status).toBe(200);
  type Body = { response: { wall_connectors: Array<{ din: string; wall_connector_power: number }> } };
  return ((await res.json()) as Body).response.wall_connectors;
}

it("gives the demo's Powerwall site a Wall Connector that carries the car's home charging, also after a reset", async () => {
  const day = DateTime.fromISO("2025-12-17", { zone: TESLA_DEMO_SITE.timezone });
  simulator.stateAt(TESLA_DEMO_SITE, day.toMillis()); // step from the demo epoch once
  const powers: number[] = [];
  for (let d = 1; d <= 5; d++) {
    const wc = await wallConnectors(day.minus({ days: d }).set({ hour: 11 }).toMillis());
    expect(wc.map((w) => w.din)).toEqual(TESLA_DEMO_WALL_CONNECTORS[SITE]);
    powers.push(wc[0].wall_connector_power);
  }
  expect(powers.some((w) => w > 6_000)).toBe(true);
  emu.control.reset();
  const after = await wallConnectors(day.minus({ days: 1 }).set({ hour: 20 }).toMillis());
  expect(after).toEqual([
    {
      din: TESLA_DEMO_WALL_CONNECTORS[SITE][0],
      wall_connector_state: 2,
      wall_connector_fault_state: 2,
      wall_connector_power: 0,
    },
  ]);
});
