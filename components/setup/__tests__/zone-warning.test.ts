import type { TestConnectionResponse } from "@/lib/systems/contracts";
import { reportedZone, zoneWarning } from "../system-details-form";

const result: TestConnectionResponse = {
  sites: [
    { vendorSiteId: "1", name: "Perth", info: { timezone: "Australia/Perth" } },
    { vendorSiteId: "2", name: "Nowhere", info: { timezone: "Mars/Olympus" } },
    { vendorSiteId: "3", name: "Tested", info: {} },
  ],
  testedSiteId: "3",
  latest: [],
  systemInfo: { timezone: "Australia/Sydney" },
};

describe("the zone a vendor reported", () => {
  it.each<[TestConnectionResponse | null, string, string | null]>([
    [result, "1", "Australia/Perth"],
    [result, "2", null],
    [result, "3", "Australia/Sydney"],
    [result, "9", null],
    [null, "1", null],
  ])("site %#: %s → %s", (r, site, zone) => expect(reportedZone(r, site)).toBe(zone));
});

describe("warning before saving a zone", () => {
  it.each<[string | null, string, RegExp | null]>([
    ["Australia/Sydney", "Australia/Sydney", null],
    ["Australia/Sydney", "UTC", /reports Australia\/Sydney for this site, but UTC is chosen/],
    ["Australia/Sydney", "Australia/Melbourne", /but Australia\/Melbourne is chosen/],
    [null, "UTC", /does not report a time zone, and UTC is chosen/],
    [null, "Etc/GMT", /does not report a time zone/],
    [null, "Australia/Adelaide", null],
    [null, "", null],
  ])("reported %s, chosen %s", (reported, chosen, expected) => {
    const text = zoneWarning("Vendor", reported, chosen);
    if (expected) expect(text).toMatch(expected);
    else expect(text).toBeNull();
  });
});
