/**
 * Headers a lower layer wants on this request's response whatever it turns out to be (e.g. RateLimit-* set while
 * authorising a token): withRoute applies them to the answer and to errors alike.
 */
const pending = new WeakMap<Request, Record<string, string>>();

export function addResponseHeaders(request: Request, headers: Record<string, string>): void {
  pending.set(request, { ...pending.get(request), ...headers });
}

/** Copies the headers recorded for `request` onto `response` (once). */
export function applyResponseHeaders(request: Request, response: Response): Response {
  const headers = pending.get(request);
  if (!headers) return response;
  pending.delete(request);
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}
