import { aliasSchema, pointPatchSchema } from "../fields";
import { systemPatchSchema, timezoneSchema } from "../schemas";

describe("setup and settings field rules", () => {
  it.each([
    ["home", true],
    ["Beach_House_2", true],
    ["my home", false],
    ["a-b", false],
    ["1234", false],
    ["x".repeat(41), false],
    ["", false],
  ])("alias %j valid: %s", (value, ok) => {
    expect(aliasSchema.safeParse(value).success).toBe(ok);
  });

  it.each([
    ["Australia/Adelaide", true],
    ["UTC", true],
    ["Mars/Olympus", false],
    ["+10:00", false],
  ])("time zone %j valid: %s", (value, ok) => {
    expect(timezoneSchema.safeParse(value).success).toBe(ok);
  });

  it("turns blank point fields into null and checks segments and enums", () => {
    expect(pointPatchSchema.parse({ subtype: " ", transform: "", alias: "" })).toEqual({
      subtype: null,
      transform: null,
      alias: null,
    });
    expect(pointPatchSchema.safeParse({ subtype: "pv-roof_2" }).success).toBe(true);
    expect(pointPatchSchema.safeParse({ subtype: "PV" }).success).toBe(false);
    expect(pointPatchSchema.safeParse({ type: "sink" }).success).toBe(false);
    expect(pointPatchSchema.safeParse({}).success).toBe(false);
  });

  it("a settings patch may not remove a system or change unknown fields", () => {
    expect(systemPatchSchema.safeParse({ status: "removed" }).success).toBe(false);
    expect(systemPatchSchema.safeParse({ ownerUserId: "x" }).success).toBe(false);
    expect(systemPatchSchema.parse({ alias: "" })).toEqual({ alias: null });
  });
});
