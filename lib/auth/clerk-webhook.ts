import "server-only";
import { Webhook, WebhookVerificationError } from "svix";
import { ApiError, notFound, unauthorized } from "@/lib/api/errors";
import { ensureUser, getUserById } from "@/lib/db/queries/users";
import { getEnv } from "@/lib/env";
import { deleteUsername, setUsername } from "@/lib/kv";
import { removeUserAccess, type RemovedUserAccess } from "@/lib/sharing";

/** The part of a Clerk user object this app keeps. */
interface ClerkUserData {
  id?: unknown;
  username?: unknown;
  first_name?: unknown;
  last_name?: unknown;
  primary_email_address_id?: unknown;
  email_addresses?: Array<{ id?: unknown; email_address?: unknown }>;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** Verifies a Clerk (svix) webhook: 404 when webhooks are not configured, 401 for a bad or stale signature. */
export function verifyClerkWebhook(payload: string, headers: Headers): { type: string; data: ClerkUserData } {
  const secret = getEnv().CLERK_WEBHOOK_SECRET;
  if (!secret) throw notFound("Clerk webhooks are not configured (CLERK_WEBHOOK_SECRET)");
  const svixHeaders = {
    "svix-id": headers.get("svix-id") ?? "",
    "svix-timestamp": headers.get("svix-timestamp") ?? "",
    "svix-signature": headers.get("svix-signature") ?? "",
  };
  let event: unknown;
  try {
    event = new Webhook(secret).verify(payload, svixHeaders);
  } catch (err) {
    if (err instanceof WebhookVerificationError) throw unauthorized("Invalid webhook signature");
    throw err;
  }
  const e = event as { type?: unknown; data?: unknown };
  if (typeof e.type !== "string" || !e.data || typeof e.data !== "object") {
    throw new ApiError("BAD_REQUEST", "Unexpected webhook payload");
  }
  return { type: e.type, data: e.data as ClerkUserData };
}

export type WebhookOutcome =
  | { handled: "user.upserted"; userId: string }
  | ({ handled: "user.deleted"; userId: string } & RemovedUserAccess)
  | { handled: "ignored"; type: string };

/**
 * Applies a verified Clerk event. user.created/updated: upsert the users row and the username cache.
 * user.deleted: every grant and pending invitation goes; owned systems are disabled (kept) and logged.
 */
export async function handleClerkEvent(event: { type: string; data: ClerkUserData }): Promise<WebhookOutcome> {
  const userId = str(event.data.id);
  if (!userId) return { handled: "ignored", type: event.type };
  if (event.type === "user.created" || event.type === "user.updated") {
    const d = event.data;
    const email =
      d.email_addresses?.find((e) => e.id === d.primary_email_address_id)?.email_address ??
      d.email_addresses?.[0]?.email_address;
    const before = await getUserById(userId);
    const name = [str(d.first_name), str(d.last_name)].filter(Boolean).join(" ") || undefined;
    const user = await ensureUser({ id: userId, displayName: name, username: str(d.username), email: str(email) });
    if (before?.username && before.username !== user.username) await deleteUsername(before.username);
    if (user.username) await setUsername(user.username, user.id);
    return { handled: "user.upserted", userId };
  }
  if (event.type === "user.deleted") {
    const user = await getUserById(userId);
    const removed = await removeUserAccess(userId, user?.email);
    if (user?.username) await deleteUsername(user.username);
    console.warn(JSON.stringify({ level: "warn", message: "Clerk user deleted: access removed", userId, ...removed }));
    return { handled: "user.deleted", userId, ...removed };
  }
  return { handled: "ignored", type: event.type };
}
