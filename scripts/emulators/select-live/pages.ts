/** The HTML pages of the emulated select.live portal (shaped like the real one where our parser looks). */

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const layout = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)} - select.live</title></head>` +
  `<body><header><a href="dashboard">select.live</a></header><main>${body}</main></body></html>`;

/** The login form; with `failed`, the error message the real portal shows on bad credentials. */
export function loginPage(failed: boolean): string {
  return layout(
    "Login",
    (failed ? `<div class="alert alert-danger">Bad email address or password.</div>` : "") +
      `<form method="post" action="login"><input type="email" name="email"><input type="password" name="pwd">` +
      `<button type="submit">Log in</button></form>`,
  );
}

/** The dashboard with the system picker (`select[name=system]`) listing the account's systems. */
export function dashboardPage(systems: Array<{ number: string; name: string }>): string {
  const options = systems.map((s) => `<option value="${esc(s.number)}">${esc(s.name)}</option>`).join("");
  return layout("Dashboard", `<form><label>System</label><select name="system" id="system">${options}</select></form>`);
}

/** A system's page with the nameplate table (labels such as `SP PRO Model:`). */
export function systemPage(name: string, facts: Record<string, string>): string {
  const rows = Object.entries(facts)
    .map(([label, value]) => `<tr><td class="label">${esc(label)}</td><td>${esc(value)}</td></tr>`)
    .join("");
  return layout(name, `<h1>${esc(name)}</h1><table class="system-info">${rows}</table>`);
}
