/**
 * Which points of a system are an EV charger's load and which describe a vehicle, from point types and paths
 * (never a vendor's name). The EV charger load is a load point with subtype `ev`: `load.ev/power` and/or
 * `load.ev/energy` (several chargers: `load.ev.<name>/…`, one charger per path head). Vehicle points are
 * optional and typed `vehicle` (docs/architecture.md "Charging sessions"): `vehicle.battery/soc` (battery level),
 * a text point whose path names charging or state (`vehicle.charging/text`), `vehicle.<name>/energy` (energy added
 * this session, restarts at 0 for each session), and `vehicle.location.lat` / `vehicle.location.lng` (degrees).
 */

/** The point subtype that marks a load point as an EV charger's load. */
export const EV_SUBTYPE = "ev";
/** The point type of vehicle points (battery level, charging state, energy added, location). */
export const VEHICLE_TYPE = "vehicle";

export interface EvPointRow {
  id: number;
  displayName: string;
  type: string | null;
  subtype: string | null;
  extension: string | null;
  metricType: string;
  active: boolean;
}

export interface EvCharger {
  /** Path head: "load.ev" or "load.ev.<extension>" (the key of the accounts' extra load). */
  key: string;
  name: string;
  powerId: number | null;
  energyId: number | null;
}

export interface VehiclePoints {
  batteryId: number | null;
  stateId: number | null;
  addedId: number | null;
  latId: number | null;
  lngId: number | null;
}

export interface EvPlan {
  chargers: EvCharger[];
  vehicle: VehiclePoints | null;
}

export const isEvLoad = (p: Pick<EvPointRow, "type" | "subtype">) => p.type === "load" && p.subtype === EV_SUBTYPE;

const headOf = (p: EvPointRow) => [p.type, p.subtype, p.subtype ? p.extension : null].filter(Boolean).join(".");

/** The EV chargers and vehicle points among a system's active points (ids ascending: the first of a kind wins). */
export function evPlan(points: readonly EvPointRow[]): EvPlan {
  const active = [...points].filter((p) => p.active).sort((a, b) => a.id - b.id);
  const chargers = new Map<string, EvCharger>();
  for (const p of active) {
    if (!isEvLoad(p) || (p.metricType !== "power" && p.metricType !== "energy")) continue;
    const key = headOf(p);
    const c = chargers.get(key) ?? { key, name: "", powerId: null, energyId: null };
    if (p.metricType === "power" && c.powerId === null) c.powerId = p.id;
    if (p.metricType === "energy" && c.energyId === null) c.energyId = p.id;
    if (!c.name || p.metricType === "power") c.name = p.displayName.replace(/ (energy|power)$/i, "");
    chargers.set(key, c);
  }
  const vehicle: VehiclePoints = { batteryId: null, stateId: null, addedId: null, latId: null, lngId: null };
  const first = (pred: (p: EvPointRow) => boolean) => active.find(pred)?.id ?? null;
  const isVehicle = (p: EvPointRow) => p.type === VEHICLE_TYPE || isEvLoad(p);
  vehicle.batteryId = first((p) => isVehicle(p) && p.metricType === "soc");
  const texts = active.filter((p) => isVehicle(p) && p.metricType === "text");
  vehicle.stateId = (texts.find((p) => /charg|state/i.test(headOf(p))) ?? texts[0])?.id ?? null;
  vehicle.addedId = first((p) => p.type === VEHICLE_TYPE && p.metricType === "energy");
  vehicle.latId = first((p) => p.type === VEHICLE_TYPE && p.subtype === "location" && p.extension === "lat");
  vehicle.lngId = first((p) => p.type === VEHICLE_TYPE && p.subtype === "location" && p.extension === "lng");
  const hasVehicle = Object.values(vehicle).some((v) => v !== null);
  return { chargers: [...chargers.values()], vehicle: hasVehicle ? vehicle : null };
}

/** Whether a system's points include an EV charger load (the dashboard's EV card shows only then). */
export const hasEvLoad = (points: readonly EvPointRow[]) => evPlan(points).chargers.length > 0;
