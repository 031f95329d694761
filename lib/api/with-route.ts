import { NextResponse } from "next/server";
import { z, ZodError } from "zod";
import { ApiError } from "./errors";

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response | unknown>;

/**
 * Wraps a route handler: returns plain values as JSON, turns ApiError (and zod errors) into
 * `{ error: { code, message } }` with the mapped status, and hides unexpected errors behind a 500.
 */
export function withRoute<Ctx = unknown>(handler: Handler<Ctx>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      const result = await handler(request, context);
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
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
  return NextResponse.json(body, { status: apiError.status, headers: { "Cache-Control": "no-store" } });
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

/** Parses a JSON body with a zod schema; 400 for malformed JSON or schema issues. */
export async function parseBody<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.infer<S>> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    throw new ApiError("BAD_REQUEST", "The request body must be valid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw ApiError.fromZod(parsed.error, "body");
  return parsed.data;
}
