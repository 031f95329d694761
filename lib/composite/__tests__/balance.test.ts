import { balanceMembers, balanceWarnings } from "../balance";

const MELBOURNE = { lat: -37.81, lng: 144.96 };
const ADELAIDE = { lat: -34.93, lng: 138.6 };
const systems = new Map([
  [1, { displayName: "Home", location: MELBOURNE }],
  [2, { displayName: "Home tariff", location: MELBOURNE }],
  [3, { displayName: "Sydney microinverters", location: { lat: -33.87, lng: 151.21 } }],
  [4, { displayName: "Beach house", location: ADELAIDE }],
  [5, { displayName: "Nowhere", location: null }],
]);
const ref = (systemId: number) => ({ systemId });
const whole = (id: number) => ({ solar: [ref(id)], battery: [ref(id)], load: [ref(id)], grid: [ref(id)] });
const merge = (...ms: Array<Record<string, Array<{ systemId: number }>>>) => {
  const out: Record<string, Array<{ systemId: number }>> = {};
  for (const m of ms) for (const [k, v] of Object.entries(m)) (out[k] ??= []).push(...v);
  return out;
};

describe("balanceWarnings", () => {
  test.each<[string, Record<string, Array<{ systemId: number }>>, RegExp[]]>([
    ["two whole sites: balances", merge(whole(1), whole(4)), []],
    [
      "the old demo composite: one site's grid twice, and solar without its load",
      merge(whole(1), { grid: [ref(2)], solar: [ref(3)] }),
      [
        /“Home” and “Home tariff” both bring a grid meter/,
        /“Sydney microinverters” brings solar but not its load and grid/,
      ],
    ],
    ["grid meters at different places are two connections", merge(whole(1), whole(4)), []],
    ["no location: cannot tell, no warning", merge(whole(1), { grid: [ref(5)], load: [ref(5)] }), []],
    [
      "a battery without its load",
      merge(whole(1), { battery: [ref(4)], grid: [ref(4)] }),
      [/“Beach house” brings battery but not its load:/],
    ],
    ["custom categories do not share in the balance", merge(whole(1), { pool: [ref(3)] }), []],
  ])("%s", (_n, mappings, expected) => {
    const out = balanceWarnings(balanceMembers(mappings, systems));
    expect(out).toHaveLength(expected.length);
    expected.forEach((re, i) => expect(out[i]).toMatch(re));
  });
});
