import { resetEnv } from "@/lib/env";
import { decryptJson, encryptJson, keyIdOf } from "../secrets";

const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);

describe("secrets at rest", () => {
  afterEach(() => {
    delete process.env.ENCRYPTION_KEY;
    delete process.env.ENCRYPTION_KEY_ID;
    delete process.env.ENCRYPTION_KEYS_PREVIOUS;
    resetEnv();
  });

  it("round-trips and never contains the plaintext", () => {
    const secret = { password: "hunter2-very-secret" };
    const c = encryptJson(secret);
    expect(c).not.toContain("hunter2");
    expect(decryptJson(c)).toEqual(secret);
    expect(encryptJson(secret)).not.toBe(c);
  });

  it("detects tampering", () => {
    const c = encryptJson({ a: 1 });
    const parts = c.split(".");
    parts[4] = Buffer.from("xx").toString("base64url");
    expect(() => decryptJson(parts.join("."))).toThrow();
  });

  it("reads ciphertexts of a previous key after rotation", () => {
    process.env.ENCRYPTION_KEY = KEY_A;
    process.env.ENCRYPTION_KEY_ID = "old";
    resetEnv();
    const c = encryptJson({ token: "t" });
    expect(keyIdOf(c)).toBe("old");
    process.env.ENCRYPTION_KEY = KEY_B;
    process.env.ENCRYPTION_KEY_ID = "new";
    process.env.ENCRYPTION_KEYS_PREVIOUS = `old:${KEY_A}`;
    resetEnv();
    expect(decryptJson(c)).toEqual({ token: "t" });
    expect(keyIdOf(encryptJson({}))).toBe("new");
  });
});
