import "server-only";
import * as cheerio from "cheerio";
import type { DiscoveredSite, SystemInfo } from "../types";

const LABELS: Array<[keyof SystemInfo, string]> = [
  ["model", "SP PRO Model:"],
  ["serial", "SP PRO Serial:"],
  ["ratings", "SP PRO Ratings:"],
  ["solarSize", "Solar Size:"],
  ["batterySize", "Battery Size:"],
];

/** The systems of an account from the dashboard's `select[name=system]` options. */
export function parseSystemList(html: string): DiscoveredSite[] {
  const $ = cheerio.load(html);
  return $("select[name=system] option")
    .toArray()
    .map((o) => ({ vendorSiteId: ($(o).attr("value") ?? "").trim(), name: $(o).text().trim() }))
    .filter((s) => /^\d+$/.test(s.vendorSiteId))
    .map((s) => ({ ...s, name: s.name || `System ${s.vendorSiteId}` }));
}

/**
 * Nameplate facts from a system page. A label (`SP PRO Model:`) may share its element with the value
 * (`<li>SP PRO Model: X</li>`) or be followed by it (`<td>SP PRO Model:</td><td>X</td>`); both are read.
 */
export function parseSystemInfo(html: string): SystemInfo {
  const $ = cheerio.load(html);
  const info: SystemInfo = {};
  for (const [key, label] of LABELS) {
    $("body *").each((_, el) => {
      const own = $(el)
        .contents()
        .filter((_, n) => n.type === "text")
        .text()
        .replace(/\s+/g, " ")
        .trim();
      if (!own.startsWith(label)) return;
      let value = own.slice(label.length).trim();
      // Otherwise the value is the next element, of the label itself or of its wrapper (`<td><b>Label</b></td>`).
      for (let cur = $(el), depth = 0; !value && depth < 3 && cur.length; cur = cur.parent(), depth++) {
        value = cur.next().text().replace(/\s+/g, " ").trim();
      }
      if (value) {
        (info as Record<string, string>)[key] = value;
        return false;
      }
    });
  }
  return info;
}
