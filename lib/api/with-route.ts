import { NextResponse } from "next/server";
import { z, ZodError } from "zod";
import { ApiError } from "./errors";
import { applyResponseHeaders } from "./response-headers";

const PRIVATE = "private, no-store";

const isJson = (response: Response) => (response.headers.get("Content-Type") ?? "").includes("json");

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response | unknown>;

/**
 * Wraps a route handler: returns plain values as JSON, turns ApiError (and zod errors) into
 * `{ error: { code, message } }` with the mapped status, and hides unexpected errors behind a 500.
 */
export function withRoute<Ctx = unknown>(handler: Handler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      const result = await handler(request, context);
      if (result instanceof Response) {
        // JSON answers are per caller: never kept by a shared cache or the browser's back/forward store.
        if (isJson(result) && !result.headers.has("Cache-Control")) result.headers.set("Cache-Control", PRIVATE);
        return applyResponseHeaders(request, result);
      }
      const json = NextResponse.json(result ?? { ok: true }, { headers: { "Cache-Control": PRIVATE } });
      return applyResponseHeaders(request, json);
    } catch (err) {
      return applyResponseHeaders(request, errorResponse(err));
    }
  };
}

/** The JSON error response for any thrown value. */
export function errorResponse(err: unknown): Response {
  const apiError = err instanceof ApiError ? err : err instanceof ZodError ? ApiError.fromZod(err) : toInternal(err);
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: apiError.code, message: apiError.message },
  };
  if (apiError.details !== undefined) body.error.details = apiError.details;
  return NextResponse.json(body, { status: apiError.status, headers: { "Cache-Control": PRIVATE } });
}

function toInternal(err: unknown): ApiError {
  console.error(JSON.stringify({ level: "error", message: "unhandled route error", error: String(err) }));
  return new ApiError("INTERNAL", "Something went wrong on our side; try again, and tell an admin if it persists");
}

/** Parses URL query parameters with a zod schema; 400 with every issue on failure. */
export function parseQuery<S extends z.ZodTypeAny>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams.entries());
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "query");
  return parsed.data;
}

/** Parses a JSON body with a zod schema: 415 unless it is JSON, 413 past `maxBytes`, 400 for bad JSON or schema issues. */
export async function parseBody<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  options: JsonBodyOptions = {},
): Promise<z.infer<S>> {
  const json = await readJsonBody(request, options);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "body");
  return parsed.data;
}

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes (default 64 KiB). */
  maxBytes?: number;
  /** What an empty body stands for; without it an empty body is a 400. */
  empty?: unknown;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON request body without trusting it: the Content-Type must be JSON (415 otherwise), the body at most
 * `maxBytes` (413, checked on Content-Length and again while reading, so a lying header cannot get more through),
 * and it must parse (400). Nothing of the body is echoed back.
 */
export async function readJsonBody(request: Request, options: JsonBodyOptions = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const tooLarge = () =>
    new ApiError("PAYLOAD_TOO_LARGE", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB`);
  const declared = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const text = await readText(request, maxBytes, tooLarge);
  if (!text.trim()) {
    if ("empty" in options) return options.empty;
    throw new ApiError("BAD_REQUEST", "The request needs a JSON body");
  }
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!/^application\/([\w.+-]+\+)?json$/.test(type)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("BAD_REQUEST", "The request body must be valid JSON");
  }
}

async function readText(request: Request, maxBytes: number, tooLarge: () => ApiError): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
