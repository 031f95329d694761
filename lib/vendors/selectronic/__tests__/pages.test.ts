import { parseSystemInfo, parseSystemList } from "../pages";

describe("select.live pages", () => {
  it("reads the systems from select[name=system]", () => {
    const html = `<form><select name="other"><option value="x">X</option></select>
      <select name="system"><option value="1001">Melbourne Home</option><option value="1002"> Shed </option>
      <option value="">Choose…</option><option value="77"></option></select></form>`;
    expect(parseSystemList(html)).toEqual([
      { vendorSiteId: "1001", name: "Melbourne Home" },
      { vendorSiteId: "1002", name: "Shed" },
      { vendorSiteId: "77", name: "System 77" },
    ]);
    expect(parseSystemList("<p>no systems</p>")).toEqual([]);
  });

  it.each([
    [
      "a table",
      `<table><tr><td>SP PRO Model:</td><td>SPMC482-AU</td></tr><tr><td>SP PRO Serial:</td><td>2151001</td></tr>
       <tr><td><b>SP PRO Ratings:</b></td><td>7.5 kW, 48 V</td></tr><tr><td>Solar Size:</td><td>13.0 kW</td></tr>
       <tr><td>Battery Size:</td><td> 40.0 kWh </td></tr></table>`,
    ],
    [
      "inline text",
      `<ul><li>SP PRO Model: SPMC482-AU</li><li>SP PRO Serial: 2151001</li><li>SP PRO Ratings: 7.5 kW, 48 V</li>
       <li>Solar Size: 13.0 kW</li><li>Battery Size: 40.0 kWh</li></ul>`,
    ],
  ])("reads the nameplate from %s", (_, html) => {
    expect(parseSystemInfo(`<html><body>${html}</body></html>`)).toEqual({
      model: "SPMC482-AU",
      serial: "2151001",
      ratings: "7.5 kW, 48 V",
      solarSize: "13.0 kW",
      batterySize: "40.0 kWh",
    });
  });

  it("leaves out labels that are missing", () => {
    expect(parseSystemInfo("<body><p>Solar Size: 5 kW</p></body>")).toEqual({ solarSize: "5 kW" });
  });
});
