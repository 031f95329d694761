import { compositeAdapter } from "../adapter";

describe("compositeAdapter", () => {
  it("is virtual and never due, whatever the last poll", () => {
    expect(compositeAdapter.mode).toBe("virtual");
    expect(compositeAdapter.fetchLatestData).toBeUndefined();
    const system = {
      id: 1,
      vendorType: "composite",
      vendorSiteId: "c",
      displayTimezone: "UTC",
      location: null,
      metadata: null,
    };
    expect(compositeAdapter.isDue(system, null, new Date())).toBe(false);
    expect(compositeAdapter.isDue(system, 0, new Date())).toBe(false);
  });

  it("takes no credentials", () => {
    expect(compositeAdapter.credentialFields).toEqual([]);
    expect(compositeAdapter.credentialsSchema.safeParse({}).success).toBe(true);
    expect(compositeAdapter.credentialsSchema.safeParse({ apiKey: "x" }).success).toBe(false);
  });
});
