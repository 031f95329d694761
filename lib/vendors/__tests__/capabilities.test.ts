import { getPollAdapter, getPushAdapter, isVirtualVendor, listAdapters, vendorDisplayName } from "@/lib/vendors";

// Every registered adapter's declaration is coherent: code outside lib/vendors relies on it instead of names.
describe("the adapters' capability declarations", () => {
  const adapters = listAdapters();

  it("registers every vendor once, each with its own display name", () => {
    expect(adapters.length).toBeGreaterThanOrEqual(7);
    expect(new Set(adapters.map((a) => a.vendorType)).size).toBe(adapters.length);
    expect(new Set(adapters.map((a) => a.displayName)).size).toBe(adapters.length);
    for (const a of adapters) expect(vendorDisplayName(a.vendorType)).toBe(a.displayName);
    expect(vendorDisplayName("no-such-vendor")).toBe("no-such-vendor");
  });

  it.each(listAdapters().map((a) => [a.vendorType, a] as const))("%s declares what its mode implies", (_t, a) => {
    const c = a.capabilities;
    expect(c.flows.length).toBeGreaterThan(0);
    expect(c.polling).toBe(a.mode === "poll");
    expect(Boolean(getPollAdapter(a.vendorType))).toBe(a.mode === "poll");
    expect(Boolean(getPushAdapter(a.vendorType))).toBe(a.mode === "push");
    expect(isVirtualVendor(a.vendorType)).toBe(a.mode === "virtual");
    if (a.mode === "push") {
      expect(c.setup).toBe("push-secret");
      expect(typeof a.push.toReadings).toBe("function");
    }
    if (a.mode === "virtual") expect(c.setup).toBe("sources");
    if (a.mode === "poll") {
      expect(["credentials", "oauth"]).toContain(c.setup);
      expect(Boolean(a.oauth)).toBe(c.setup === "oauth");
      // A credentials form is tested against the vendor before the system is saved.
      if (c.setup === "credentials") expect(typeof a.testConnection).toBe("function");
    }
    if (!c.power) expect(c.energy).toBe("interval");
  });

  it("answers unknown vendor types as nothing", () => {
    expect(getPollAdapter("no-such-vendor")).toBeUndefined();
    expect(getPushAdapter("no-such-vendor")).toBeUndefined();
    expect(isVirtualVendor("no-such-vendor")).toBe(false);
    expect(isVirtualVendor(null)).toBe(false);
  });
});
