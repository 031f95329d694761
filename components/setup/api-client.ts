"use client";

/** An API failure as the UI shows it: the server's message, plus field issues when the body was invalid. */
export class ApiClientError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly issues: Array<{ path: string; message: string }> = [],
    public readonly field?: string,
  ) {
    super(message);
    this.name = "ApiClientError";
  }
}

/** Sends JSON to one of our routes and returns its JSON; throws ApiClientError with the API's message. */
export async function apiJson<T>(url: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: "no-store",
    });
  } catch {
    throw new ApiClientError("Could not reach the server. Check your connection and try again.", 0);
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    // A proxy or crash page: fall through to the status line.
  }
  if (!res.ok) {
    const error = (json as { error?: { message?: string; details?: { issues?: unknown; field?: string } } })?.error;
    const issues = Array.isArray(error?.details?.issues) ? (error.details.issues as ApiClientError["issues"]) : [];
    throw new ApiClientError(
      error?.message ?? `The server answered ${res.status}.`,
      res.status,
      issues,
      error?.details?.field,
    );
  }
  return json as T;
}

/** The message of an issue whose path is `field` (or ends with `.field`), for showing under that input. */
export function issueFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiClientError)) return undefined;
  if (error.field === field) return error.message;
  return error.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`))?.message;
}
