import "server-only";
import { z } from "zod";
import { ApiError, notFound } from "@/lib/api/errors";
import { scrubSecrets } from "@/lib/polling";
import { selectSession, selectSessions } from "./store";

const time = z.union([
  z.coerce.number().int().nonnegative(),
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), "must be ms since epoch or an ISO date")
    .transform((v) => Date.parse(v)),
]);

/** Query parameters of the sessions log: filters, sort, keyset cursor and page size. */
export const sessionsQuerySchema = z
  .object({
    systemId: z.coerce.number().int().positive("systemId must be a system id").optional(),
    vendor: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/, "vendor must be a vendor type (lower-case letters, digits, - or _)")
      .optional(),
    cause: z.enum(["CRON", "ADMIN", "USER", "PUSH"]).optional(),
    success: z.enum(["true", "false", "pending"]).optional(),
    from: time.optional(),
    to: time.optional(),
    sort: z.enum(["started", "duration"]).default("started"),
    dir: z.enum(["asc", "desc"]).default("desc"),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "from must not be after to",
    path: ["from"],
  });

export type SessionsQuery = z.infer<typeof sessionsQuerySchema>;

export interface SessionRow {
  id: number;
  systemId: number;
  systemName: string | null;
  vendorType: string;
  cause: string;
  started: number;
  durationMs: number;
  successful: boolean | null;
  errorCode: string | null;
  error: string | null;
  numRows: number;
  label: string | null;
}

export interface SessionPage {
  sessions: SessionRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

const encodeCursor = (value: number, id: number) => Buffer.from(JSON.stringify([value, id])).toString("base64url");

function decodeCursor(cursor: string): [number, number] {
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && v.every(Number.isSafeInteger)) return v as [number, number];
  } catch {
    // fall through
  }
  throw new ApiError("BAD_REQUEST", "Invalid cursor: use the nextCursor of the previous page");
}

function toRow(r: Record<string, unknown>): SessionRow {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: Number(r.id),
    systemId: Number(r.system_id),
    systemName: r.display_name === null ? null : String(r.display_name),
    vendorType: String(r.vendor_type),
    cause: String(r.cause),
    started: Number(r.started),
    durationMs: Number(r.duration),
    successful: r.successful === null ? null : Number(r.successful) === 1,
    errorCode: r.error_code === null ? null : String(r.error_code),
    error: r.error === null ? null : String(r.error),
    numRows: n(r.num_rows) ?? 0,
    label: r.session_label === null ? null : String(r.session_label),
  };
}

/**
 * One page of the sessions log. Keyset pagination on (sort column, id) with row-value comparison, so page
 * 10,000 costs what page 1 does; every filter has an index ending in (started, id) (migrations/0003_access.sql).
 */
export async function listSessions(q: SessionsQuery): Promise<SessionPage> {
  const found = await selectSessions(q, q.cursor ? decodeCursor(q.cursor) : null, q.limit + 1);
  const rows = found.map(toRow);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > q.limit && last
      ? encodeCursor(q.sort === "duration" ? last.durationMs : last.started, last.id)
      : null;
  return { sessions: page, nextCursor };
}

/** One session with its stored vendor response (scrubbed when stored; scrubbed again here in case). */
export async function getSessionDetail(id: number): Promise<SessionRow & { response: unknown }> {
  const r = await selectSession(id);
  if (!r) throw notFound("No session with that id");
  let response: unknown = null;
  if (typeof r.response === "string") {
    try {
      response = scrubSecrets(JSON.parse(r.response));
    } catch {
      response = { unparsable: String(r.response).slice(0, 2000) };
    }
  }
  return { ...toRow(r), response };
}
