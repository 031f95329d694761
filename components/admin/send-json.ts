/** The outcome of a JSON call from an admin or sharing control. */
export type JsonResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/** Sends JSON to one of our API routes (same origin, cookies) and unwraps `{ error: { message } }`. */
export async function sendJson<T = unknown>(url: string, method: string, body?: unknown): Promise<JsonResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, status: res.status, message: json?.error?.message ?? `Request failed (${res.status})` };
  } catch (err) {
    return { ok: false, status: 0, message: `Network error: ${err instanceof Error ? err.message : String(err)}` };
  }
}
