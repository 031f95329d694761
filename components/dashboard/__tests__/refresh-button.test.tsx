import { renderToStaticMarkup } from "react-dom/server";
import { RefreshButton, refreshMessage } from "../refresh-button";

describe("RefreshButton", () => {
  test("viewers see it disabled, with the reason tied to it", () => {
    const html = renderToStaticMarkup(
      <RefreshButton systemId={7} disabledReason="Only the owner or an admin can refresh it" onRefreshed={() => {}} />,
    );
    expect(html).toContain("Refresh now");
    expect(html).toMatch(/<button[^>]*disabled=""/);
    expect(html).toContain("Only the owner or an admin can refresh it");
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(describedBy).toBeTruthy();
    expect(html).toContain(`id="${describedBy}"`);
  });

  test("owners get an enabled button and no note until they use it", () => {
    const html = renderToStaticMarkup(<RefreshButton systemId={7} onRefreshed={() => {}} />);
    expect(html).not.toMatch(/<button[^>]*disabled=""/);
    expect(html).not.toContain("refresh-note");
  });

  test.each([
    [{ status: "succeeded" }, { ok: true, text: "Refreshed just now" }],
    [{ status: "leased" }, { ok: true, text: "A refresh is already running; new values follow shortly" }],
    [
      { status: "failed", error: "Vendor login failed" },
      { ok: false, text: "Refresh failed: Vendor login failed" },
    ],
    [
      { status: "succeeded", sources: [{ status: "succeeded" }, { status: "rate-limited" }] },
      { ok: true, text: "Refreshed 1 of 2 source systems" },
    ],
  ])("answer %j reads %j", (answer, expected) => {
    expect(refreshMessage(answer)).toEqual(expected);
  });
});
