import { compositeAdapter } from "../adapter";

describe("compositeAdapter", () => {
  it("is virtual: no schedule, no fetch, set up from other systems' points", () => {
    expect(compositeAdapter.mode).toBe("virtual");
    expect("fetchLatestData" in compositeAdapter).toBe(false);
    expect("isDue" in compositeAdapter).toBe(false);
    expect(compositeAdapter.capabilities).toMatchObject({ setup: "sources", polling: false });
  });

  it("takes no credentials", () => {
    expect(compositeAdapter.credentialFields).toEqual([]);
    expect(compositeAdapter.credentialsSchema.safeParse({}).success).toBe(true);
    expect(compositeAdapter.credentialsSchema.safeParse({ apiKey: "x" }).success).toBe(false);
  });
});
