import type { VendorOption } from "@/lib/systems/contracts";
import { credentialsSchemaFor } from "../credentials-form";
import { suggestAlias } from "../system-details-form";

const vendor: VendorOption = {
  vendorType: "x",
  displayName: "X",
  description: "",
  mode: "poll",
  capabilities: { flows: ["solar"], power: true, energy: "counter", setup: "credentials", polling: true },
  supportsOAuth: false,
  canTestConnection: true,
  credentialFields: [
    { name: "email", label: "email", type: "email" },
    { name: "apiKey", label: "API key", type: "password" },
  ],
};

describe("setup form helpers", () => {
  it("builds a required-field schema from /api/vendors fields (emails checked)", () => {
    const schema = credentialsSchemaFor(vendor);
    expect(schema.safeParse({ email: "a@b.co", apiKey: "k" }).success).toBe(true);
    const bad = schema.safeParse({ email: "nope", apiKey: " " });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path[0]}: ${i.message}`)).toEqual([
      "email: Enter a valid email",
      "apiKey: Enter your API key",
    ]);
  });

  it.each([
    ["Melbourne Home", "melbourne_home"],
    ["  Beach-House #2 ", "beach_house_2"],
    ["1234", ""],
    ["", ""],
  ])("suggests an alias for %j: %j", (name, alias) => {
    expect(suggestAlias(name)).toBe(alias);
  });
});
