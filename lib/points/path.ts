/**
 * Point meaning as a path `type[.subtype[.extension]]/metric` (vendor-apis.md), e.g. `source.solar/power`,
 * `bidi.battery/soc`, `bidi.grid.import/energy`, `load.hvac/power`.
 */
export type PointType = "source" | "load" | "bidi";
export type MetricType = "power" | "energy" | "soc" | "price" | "cost" | "percent" | "text" | "time" | "code";

export const POINT_TYPES: readonly PointType[] = ["source", "load", "bidi"];

/** Canonical unit for each metric (W, Wh, %, cents/kWh, cents, ms since epoch UTC). */
export const METRIC_UNITS: Record<MetricType, string> = {
  power: "W",
  energy: "Wh",
  soc: "%",
  price: "c/kWh",
  cost: "c",
  percent: "%",
  text: "",
  time: "ms",
  code: "",
};

export interface PointPathParts {
  type: PointType;
  subtype?: string | null;
  extension?: string | null;
  metric: string;
}

const SEGMENT = /^[a-z0-9_-]+$/i;

/** Formats path parts as `type[.subtype[.extension]]/metric`. */
export function formatPointPath(p: PointPathParts): string {
  const head = [p.type, p.subtype, p.subtype ? p.extension : null].filter(Boolean).join(".");
  return `${head}/${p.metric}`;
}

/** Parses a point path; returns null when it is not of the form `type[.subtype[.extension]]/metric`. */
export function parsePointPath(path: string): PointPathParts | null {
  const [head, metric, extra] = path.split("/");
  if (!head || !metric || extra !== undefined || !SEGMENT.test(metric)) return null;
  const [type, subtype, extension, more] = head.split(".");
  if (more !== undefined || !POINT_TYPES.includes(type as PointType)) return null;
  if ((subtype !== undefined && !SEGMENT.test(subtype)) || (extension !== undefined && !SEGMENT.test(extension))) {
    return null;
  }
  return { type: type as PointType, subtype: subtype ?? null, extension: extension ?? null, metric };
}

/** Compiles a path glob (`*` any run of characters, `?` one) into a matcher; `source.solar*` matches all solar. */
export function pathMatcher(glob: string): (path: string) => boolean {
  const re = new RegExp(
    "^" +
      glob
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&")))
        .join("") +
      "$",
  );
  return (path) => re.test(path);
}

/** The path of a point_info row, or null for a point with no type yet (unclassified). */
export function pathOfPoint(p: {
  type: string | null;
  subtype?: string | null;
  extension?: string | null;
  metricType: string;
}): string | null {
  if (!p.type || !POINT_TYPES.includes(p.type as PointType)) return null;
  return formatPointPath({
    type: p.type as PointType,
    subtype: p.subtype,
    extension: p.extension,
    metric: p.metricType,
  });
}
