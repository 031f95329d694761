import "server-only";
import { DateTime } from "luxon";
import nodemailer, { type Transporter } from "nodemailer";
import { decryptJson } from "@/lib/crypto/secrets";
import { getEnv } from "@/lib/env";
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
import { webhookAddressProblem } from "./webhook-address";
import { claimDueDeliveries, finishDelivery, type DueDelivery } from "./store";

/** Attempts before a delivery is given up (shown as failed in the delivery log; the alert itself stays). */
export const MAX_ATTEMPTS = 6;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 3_600_000;
const SEND_TIMEOUT_MS = 10_000;
const CLAIM_LEASE_MS = 60_000;
const BATCH = 50;

/** Wait before attempt `attempts + 1`: 30 s, 1 min, 2 min … at most an hour. */
export const retryDelayMs = (attempts: number) =>
  Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));

export interface DeliveryRun {
  sent: number;
  retried: number;
  failed: number;
  postponed: number;
}

class SendError extends Error {
  constructor(
    message: string,
    readonly responseStatus: number | null = null,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** The JSON a webhook receives (docs/api.md, "Alert webhooks"). */
export function webhookPayload(d: Pick<DueDelivery, "id" | "event" | "alert" | "systemName">, sentAtMs: number) {
  const a = d.alert;
  return {
    type: `alert.${d.event}`,
    deliveryId: d.id,
    sentAtMs,
    alert: {
      id: a.id,
      kind: a.kind,
      severity: a.severity,
      state: a.state,
      title: a.title,
      message: a.message,
      systemId: a.systemId,
      systemName: d.systemName,
      firedAtMs: a.firedAtMs,
      acknowledgedAtMs: a.acknowledgedAtMs,
      resolvedAtMs: a.resolvedAtMs,
      url: `${getEnv().APP_URL}/alerts?alert=${a.id}`,
    },
  };
}

const SUBJECT_PREFIX = { fired: "", resolved: "Resolved: ", escalated: "Escalated: " } as const;

function emailText(d: DueDelivery): { subject: string; text: string } {
  const a = d.alert;
  const subject = `${SUBJECT_PREFIX[d.event]}[${a.severity}] ${a.title}`;
  const lines = [
    a.message,
    "",
    `System: ${d.systemName ?? "all systems of this vendor"}`,
    `Severity: ${a.severity}`,
    `State: ${a.state}`,
    `Raised: ${new Date(a.firedAtMs).toISOString()}`,
    a.resolvedAtMs ? `Resolved: ${new Date(a.resolvedAtMs).toISOString()}` : null,
    "",
    `${getEnv().APP_URL}/alerts?alert=${a.id}`,
  ];
  return { subject, text: lines.filter((l) => l !== null).join("\n") };
}

let transport: { url: string; t: Transporter } | undefined;

function mailer(): Transporter {
  const url = getEnv().SMTP_URL;
  if (!url) throw new SendError("Email is off: SMTP_URL is not set on the server", null, true);
  if (!transport || transport.url !== url) {
    transport?.t.close();
    transport = {
      url,
      t: nodemailer.createTransport({
        url,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    };
  }
  return transport.t;
}

async function sendEmail(d: DueDelivery): Promise<number | null> {
  const { subject, text } = emailText(d);
  if (!d.channel.target) throw new SendError("The person has no email address on their account", null, true);
  try {
    await mailer().sendMail({ from: getEnv().ALERT_EMAIL_FROM, to: d.channel.target, subject, text });
  } catch (err) {
    if (err instanceof SendError) throw err;
    // nodemailer's messages name the server and the SMTP reply, never the credentials of the URL.
    const code = (err as { responseCode?: number }).responseCode ?? null;
    throw new SendError(`SMTP: ${String((err as Error).message ?? err).slice(0, 200)}`, code);
  }
  return null;
}

async function sendWebhook(d: DueDelivery, nowMs: number): Promise<number> {
  if (!d.channel.secret) throw new SendError("The webhook has no signing secret", null, true);
  const problem = await webhookAddressProblem(d.channel.target);
  if (problem) throw new SendError(problem, null, true);
  const secret = decryptJson<string>(d.channel.secret);
  const body = JSON.stringify(webhookPayload(d, nowMs));
  let res: Response;
  try {
    res = await fetch(d.channel.target, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "solar-monitor-alerts/1",
        [TIMESTAMP_HEADER]: String(nowMs),
        [SIGNATURE_HEADER]: signWebhook(secret, nowMs, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    const name = (err as Error).name;
    throw new SendError(
      name === "TimeoutError" ? "The webhook did not answer in time" : "The webhook could not be reached",
    );
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new SendError(`The webhook answered HTTP ${res.status}`, res.status);
  return res.status;
}

/** Whether `nowMs` falls in the channel's quiet hours (minutes of the local day; may wrap past midnight). */
export function quietUntil(
  channel: { quietStartMin: number | null; quietEndMin: number | null },
  zone: string,
  nowMs: number,
): number | null {
  const { quietStartMin: start, quietEndMin: end } = channel;
  if (start === null || end === null || start === end) return null;
  const local = DateTime.fromMillis(nowMs, { zone });
  const minute = local.hour * 60 + local.minute;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  let until = local.startOf("day").plus({ minutes: end });
  if (until.toMillis() <= nowMs) until = until.plus({ days: 1 });
  return until.toMillis();
}

/**
 * Sends the deliveries that are due, off the poll path (the alerts cron): claims them, sends each (email over SMTP,
 * or a signed webhook POST), and records the outcome with its latency. A failure is retried with back-off up to
 * MAX_ATTEMPTS, then shown as failed. Non-critical alerts wait out a channel's quiet hours.
 */
export async function deliverDue(options: { nowMs?: number; limit?: number } = {}): Promise<DeliveryRun> {
  const run: DeliveryRun = { sent: 0, retried: 0, failed: 0, postponed: 0 };
  const limit = options.limit ?? 500;
  for (let done = 0; done < limit;) {
    const nowMs = options.nowMs ?? Date.now();
    const due = await claimDueDeliveries(nowMs, CLAIM_LEASE_MS, Math.min(BATCH, limit - done));
    if (!due.length) break;
    done += due.length;
    await Promise.all(due.map((d) => deliverOne(d, nowMs, run)));
  }
  return run;
}

/**
 * Until when a delivery waits: the later end of the channel's quiet hours (the system's zone) and those of the
 * person who made the channel (their own zone); null to send now. Critical alerts never wait.
 */
export function heldUntil(
  d: Pick<DueDelivery, "channel" | "systemTimezone" | "owner"> & { alert: Pick<DueDelivery["alert"], "severity"> },
  nowMs: number,
): number | null {
  if (d.alert.severity === "critical") return null;
  const ends = [
    quietUntil(d.channel, d.systemTimezone ?? "UTC", nowMs),
    d.owner ? quietUntil(d.owner, d.owner.timezone, nowMs) : null,
  ].filter((e): e is number => e !== null);
  return ends.length ? Math.max(...ends) : null;
}

async function deliverOne(d: DueDelivery, nowMs: number, run: DeliveryRun): Promise<void> {
  const quiet = heldUntil(d, nowMs);
  if (quiet !== null) {
    await finishDelivery(d.id, { status: "postponed", untilMs: quiet });
    run.postponed++;
    return;
  }
  const t0 = performance.now();
  try {
    const responseStatus = d.channel.type === "email" ? await sendEmail(d) : await sendWebhook(d, Date.now());
    await finishDelivery(d.id, {
      status: "sent",
      latencyMs: Math.round(performance.now() - t0),
      responseStatus,
      nowMs: Date.now(),
    });
    run.sent++;
  } catch (err) {
    const e = err instanceof SendError ? err : new SendError(String((err as Error)?.message ?? err).slice(0, 200));
    const latencyMs = Math.round(performance.now() - t0);
    if (e.permanent || d.attempts >= MAX_ATTEMPTS) {
      await finishDelivery(d.id, { status: "failed", error: e.message, latencyMs, responseStatus: e.responseStatus });
      run.failed++;
    } else {
      await finishDelivery(d.id, {
        status: "retry",
        error: e.message,
        latencyMs,
        responseStatus: e.responseStatus,
        retryAtMs: nowMs + retryDelayMs(d.attempts),
      });
      run.retried++;
    }
    console.warn(
      JSON.stringify({
        level: "warn",
        message: "alert delivery failed",
        deliveryId: d.id,
        channel: d.channel.type,
        attempt: d.attempts,
        error: e.message,
      }),
    );
  }
}
