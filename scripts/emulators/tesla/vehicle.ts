import { evChargeDay, localTime, type SiteConfig } from "../sim";
import { rand01 } from "../sim/random";
import type { TeslaVehicle } from "./accounts";

/** Local minutes of the car's day (see vehicleAt). */
const LEAVE_MORNING = 450; // 07:30
const HOME_MORNING = 580; // 09:40, plugged in, waiting for the 10:00 schedule
const ONLINE_AFTER_CHARGE = 30;
const LEAVE_EVENING = 1020; // 17:00
const HOME_EVENING = 1110; // 18:30
const DRIVE_PCT = 6;
/** Volts and amps the car reports while charging at home: their product is the site's EV load. */
const VOLTAGE = 250;

export type VehicleOnline = "online" | "asleep" | "offline";

/** The simulated car at one moment, in the units the Fleet API uses. */
export interface VehicleTruth {
  state: VehicleOnline;
  atHome: boolean;
  pluggedIn: boolean;
  chargingState: "Charging" | "Complete" | "Stopped" | "Disconnected";
  chargerPowerW: number;
  /** kWh added in the current (or last) session: persists after unplugging. */
  energyAddedKwh: number;
  batteryLevelPct: number;
  driving: boolean;
  odometerMiles: number;
}

/**
 * The car's day, from the home site's seeded charging days: asleep at home overnight, a drive in the morning
 * (07:30–09:40), plugged in at home and charging from the site's EV window (10:00–14:00 at 7 kW) on charging days,
 * online 30 minutes after charging, asleep until a drive 17:00–18:30. On other days it sleeps at home except for
 * the evening drive. Charging power is exactly the load the simulator adds to the site.
 */
export function vehicleAt(v: TeslaVehicle, site: SiteConfig, timeMs: number): VehicleTruth {
  const { localDay, minuteOfDay: t } = localTime(site, timeMs);
  const ev = site.ev;
  const chargeDay = evChargeDay(site, localDay);
  const startLevel = 40 + 15 * rand01(site.seed, localDay, 231);
  const odometerMiles = odometerMilesAt(localDay, t, chargeDay && !!ev);
  // Energy of the most recent session (today's if it started, else the last charging day's).
  const sessionKwh = (minutes: number) => ((ev?.powerW ?? 0) * minutes) / 60 / 1000;
  const fullSessionKwh = ev ? sessionKwh(ev.endMin - ev.startMin) : 0;
  let lastSessionKwh = 0;
  for (let d = localDay - 1; d > localDay - 8; d--) {
    if (evChargeDay(site, d)) {
      lastSessionKwh = fullSessionKwh;
      break;
    }
  }
  const pctOf = (kwh: number) => (kwh * 0.92 * 100) / v.capacityKwh;
  const base: VehicleTruth = {
    state: "asleep",
    atHome: true,
    pluggedIn: false,
    chargingState: "Disconnected",
    chargerPowerW: 0,
    energyAddedKwh: lastSessionKwh,
    batteryLevelPct: startLevel,
    driving: false,
    odometerMiles,
  };
  const drive = (level: number): VehicleTruth => ({
    ...base,
    state: "online",
    atHome: false,
    driving: true,
    batteryLevelPct: level,
  });
  if (!chargeDay || !ev) {
    if (t >= LEAVE_EVENING && t < HOME_EVENING) return drive(startLevel - DRIVE_PCT / 2);
    return { ...base, batteryLevelPct: t >= HOME_EVENING ? startLevel - DRIVE_PCT : startLevel };
  }
  if (t < LEAVE_MORNING) return base;
  if (t < HOME_MORNING) return drive(startLevel - DRIVE_PCT / 2);
  const arrived = startLevel - DRIVE_PCT;
  if (t < ev.startMin) {
    return { ...base, state: "online", pluggedIn: true, chargingState: "Stopped", batteryLevelPct: arrived };
  }
  if (t < ev.endMin) {
    const kwh = sessionKwh(t - ev.startMin);
    return {
      ...base,
      state: "online",
      pluggedIn: true,
      chargingState: "Charging",
      chargerPowerW: ev.powerW,
      energyAddedKwh: kwh,
      batteryLevelPct: arrived + pctOf(kwh),
    };
  }
  const charged = arrived + pctOf(fullSessionKwh);
  const after = { ...base, energyAddedKwh: fullSessionKwh, batteryLevelPct: charged };
  if (t < ev.endMin + ONLINE_AFTER_CHARGE)
    return { ...after, state: "online", pluggedIn: true, chargingState: "Complete" };
  if (t < LEAVE_EVENING) return { ...after, pluggedIn: true, chargingState: "Complete" };
  if (t < HOME_EVENING) return { ...drive(charged - DRIVE_PCT / 2), energyAddedKwh: fullSessionKwh };
  return { ...after, batteryLevelPct: charged - DRIVE_PCT };
}

/** Miles driven a day: the morning and evening drives of a charging day, or one longer evening drive. */
const MILES_A_DAY = 25;

/** The odometer (miles, as the Fleet API reports it): it turns only while the car drives (see vehicleAt). */
export function odometerMilesAt(localDay: number, minute: number, chargeDay: boolean): number {
  const part = (from: number, to: number) => Math.min(1, Math.max(0, (minute - from) / (to - from)));
  const today = chargeDay
    ? (part(LEAVE_MORNING, HOME_MORNING) + part(LEAVE_EVENING, HOME_EVENING)) / 2
    : part(LEAVE_EVENING, HOME_EVENING);
  const miles = 12_000 + (Math.max(0, localDay - 20_000) + today) * MILES_A_DAY;
  return Math.round(miles * 10) / 10;
}

/** The charge_state block of vehicle_data for a truth (charger fields null when unplugged, as the car sends them). */
export function chargeState(truth: VehicleTruth, v: TeslaVehicle, timestampMs: number) {
  const charging = truth.chargingState === "Charging";
  const amps = charging ? Math.round(truth.chargerPowerW / VOLTAGE) : 0;
  return {
    timestamp: timestampMs,
    battery_level: Math.round(truth.batteryLevelPct),
    usable_battery_level: Math.round(truth.batteryLevelPct) - 1,
    charging_state: truth.chargingState,
    charge_energy_added: Math.round(truth.energyAddedKwh * 100) / 100,
    charge_limit_soc: v.chargeLimitPct,
    // An integer number of kW, as the car rounds it; voltage × current is the precise figure.
    charger_power: truth.pluggedIn ? Math.round(truth.chargerPowerW / 1000) : null,
    charger_voltage: truth.pluggedIn ? (charging ? VOLTAGE : 2) : null,
    charger_actual_current: truth.pluggedIn ? amps : null,
    time_to_full_charge: charging ? 1.5 : 0,
    fast_charger_present: false,
    conn_charge_cable: truth.pluggedIn ? "IEC" : "<invalid>",
  };
}
