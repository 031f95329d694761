import { createState, readState, verifyState } from "../state";

const NOW = new Date("2025-12-15T02:00:00Z");
const ok = (over: Partial<Parameters<typeof verifyState>[1]> = {}, state?: string) => {
  const s = createState("enphase", "alice", NOW);
  return verifyState(state ?? s.state, { provider: "enphase", userId: "alice", nonce: s.nonce, now: NOW, ...over });
};

describe("signed OAuth state", () => {
  it("accepts our own state for the same user, provider and browser nonce", () => {
    expect(ok()).toMatchObject({ ok: true, payload: { provider: "enphase", userId: "alice" } });
  });

  it.each([
    [
      "a tampered payload",
      () => {
        const { state, nonce } = createState("enphase", "alice", NOW);
        const [data, sig] = state.split(".");
        const forged = Buffer.from(
          JSON.stringify({ ...JSON.parse(Buffer.from(data, "base64url").toString()), userId: "mallory" }),
        ).toString("base64url");
        return verifyState(`${forged}.${sig}`, { provider: "enphase", userId: "mallory", nonce, now: NOW });
      },
      "invalid",
    ],
    ["garbage", () => ok({}, "not-a-state"), "invalid"],
    ["an extra segment", () => ok({}, `${createState("enphase", "alice", NOW).state}.x`), "invalid"],
    ["expiry (10 minutes)", () => ok({ now: new Date(NOW.getTime() + 10 * 60_000 + 1) }), "expired"],
    ["another provider", () => ok({ provider: "mondo" }), "wrong_provider"],
    ["another signed-in user", () => ok({ userId: "bob" }), "wrong_user"],
    ["no session", () => ok({ userId: null }), "wrong_user"],
    ["a missing nonce cookie", () => ok({ nonce: undefined }), "wrong_browser"],
    ["another browser's nonce", () => ok({ nonce: createState("enphase", "alice", NOW).nonce }), "wrong_browser"],
  ])("refuses %s", (_label, run, reason) => {
    expect(run()).toEqual({ ok: false, reason });
  });

  it("expires 10 minutes after it is issued", () => {
    const { state } = createState("enphase", "alice", NOW);
    expect(readState(state)?.expiresAtMs).toBe(NOW.getTime() + 600_000);
  });
});
