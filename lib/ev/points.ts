/**
 * Which points of a system are an EV charger's load and which describe a vehicle, from point types and paths
 * (never a vendor's name). The EV charger load is a load point with subtype `ev`: `load.ev/power` and/or
 * `load.ev/energy` (several chargers: `load.ev.<name>/…`, one charger per path head). Vehicle points are optional
 * and live under the reserved head `load.ev.vehicle` (point types are source, load or bidi): `load.ev.vehicle/soc`
 * (battery level), `load.ev.vehicle/text` (charging state), `load.ev.vehicle/energy` (energy added this session,
 * restarting at 0 for each session), `load.ev.vehicle_lat/…` and `load.ev.vehicle_lng/…` (degrees),
 * `load.ev.vehicle_odometer/…` (km). The same metrics typed `vehicle` (`vehicle.battery/soc`,
 * `vehicle.location.lat`, `vehicle.odometer`) count too, should that type be added.
 */

/** The point subtype that marks a load point as an EV charger's load. */
export const EV_SUBTYPE = "ev";
/** The extension (under `load.ev`) of the vehicle's own points: never a charger, never an extra load. */
export const VEHICLE_EXTENSION = "vehicle";
/** A point type for vehicle points, accepted should the point types ever include it. */
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
  /** The system whose points these are, when not the one sessions are computed for (a composite's source). */
  systemId?: number;
}

export interface VehiclePoints {
  batteryId: number | null;
  stateId: number | null;
  addedId: number | null;
  latId: number | null;
  lngId: number | null;
  /** The odometer, km. */
  odometerId: number | null;
  /** The system whose points these are, when not the one sessions are computed for (a composite's source). */
  systemId?: number;
}

export interface EvPlan {
  chargers: EvCharger[];
  vehicle: VehiclePoints | null;
}

export const isEvLoad = (p: Pick<EvPointRow, "type" | "subtype">) => p.type === "load" && p.subtype === EV_SUBTYPE;

/** A vehicle's own point: `load.ev.vehicle/…` (or typed `vehicle`). */
const isVehiclePoint = (p: Pick<EvPointRow, "type" | "subtype" | "extension">) =>
  p.type === VEHICLE_TYPE || (isEvLoad(p) && p.extension === VEHICLE_EXTENSION);

const headOf = (p: EvPointRow) => [p.type, p.subtype, p.subtype ? p.extension : null].filter(Boolean).join(".");

/** The EV chargers and vehicle points among a system's active points (ids ascending: the first of a kind wins). */
export function evPlan(points: readonly EvPointRow[]): EvPlan {
  const active = [...points].filter((p) => p.active).sort((a, b) => a.id - b.id);
  const chargers = new Map<string, EvCharger>();
  for (const p of active) {
    if (!isEvLoad(p) || isVehiclePoint(p) || (p.metricType !== "power" && p.metricType !== "energy")) continue;
    const key = headOf(p);
    const c = chargers.get(key) ?? { key, name: "", powerId: null, energyId: null };
    if (p.metricType === "power" && c.powerId === null) c.powerId = p.id;
    if (p.metricType === "energy" && c.energyId === null) c.energyId = p.id;
    if (!c.name || p.metricType === "power") c.name = p.displayName.replace(/ (energy|power)$/i, "");
    chargers.set(key, c);
  }
  const vehicle: VehiclePoints = {
    batteryId: null,
    stateId: null,
    addedId: null,
    latId: null,
    lngId: null,
    odometerId: null,
  };
  const first = (pred: (p: EvPointRow) => boolean) => active.find(pred)?.id ?? null;
  const isVehicle = (p: EvPointRow) => isVehiclePoint(p) || isEvLoad(p);
  vehicle.batteryId = first((p) => isVehicle(p) && p.metricType === "soc");
  const texts = active.filter((p) => isVehicle(p) && p.metricType === "text");
  vehicle.stateId = (texts.find((p) => /charg|state|vehicle/i.test(headOf(p))) ?? texts[0])?.id ?? null;
  vehicle.addedId = first((p) => isVehiclePoint(p) && p.metricType === "energy");
  const coordinate = (axis: "lat" | "lng") => (p: EvPointRow) =>
    (isEvLoad(p) && p.extension === `${VEHICLE_EXTENSION}_${axis}`) ||
    (p.type === VEHICLE_TYPE && p.subtype === "location" && p.extension === axis);
  vehicle.latId = first(coordinate("lat"));
  vehicle.lngId = first(coordinate("lng"));
  vehicle.odometerId = first(
    (p) =>
      (isEvLoad(p) && p.extension === `${VEHICLE_EXTENSION}_odometer`) ||
      (p.type === VEHICLE_TYPE && p.subtype === "odometer"),
  );
  const hasVehicle = Object.values(vehicle).some((v) => v !== null && v !== undefined);
  return { chargers: [...chargers.values()], vehicle: hasVehicle ? vehicle : null };
}

/** Whether a system's points include an EV charger load (the dashboard's EV card shows only then). */
export const hasEvLoad = (points: readonly EvPointRow[]) => evPlan(points).chargers.length > 0;
