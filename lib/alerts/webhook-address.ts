import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { getEnv } from "@/lib/env";

/** Addresses a webhook must not reach in production: loopback, private, link-local, shared, multicast, reserved. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, bits, "ipv6");

/** Whether an IP address is loopback, private, link-local or otherwise not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 4) return PRIVATE.check(bare, "ipv4");
  if (family !== 6) return true; // not an address: refuse rather than guess
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1], "ipv4");
  return PRIVATE.check(bare, "ipv6");
}

type Lookup = (host: string) => Promise<string[]>;
const systemLookup: Lookup = async (host) => (await dnsLookup(host, { all: true })).map((a) => a.address);

/**
 * Private webhook targets are allowed off production, and in production only with ALERT_WEBHOOK_ALLOW_PRIVATE=1
 * (a local stack: the demo and the end-to-end runs set it).
 */
export function privateWebhooksAllowed(): boolean {
  const env = getEnv();
  return !env.isProduction || env.ALERT_WEBHOOK_ALLOW_PRIVATE;
}

/**
 * Why a webhook URL may not be called, in words; null when it may. Its host (a name is resolved: every address it
 * has must be public) must not be loopback, private or link-local unless `allowPrivate`. Checked when a channel is
 * made and again before each delivery (a name can change what it points to); redirects are never followed.
 */
export async function webhookAddressProblem(
  target: string,
  options: { allowPrivate?: boolean; lookup?: Lookup } = {},
): Promise<string | null> {
  if (options.allowPrivate ?? privateWebhooksAllowed()) return null;
  let host: string;
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return "The webhook URL is not a URL";
  }
  if (!host) return "The webhook URL has no host";
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      return `The webhook host ${host.slice(0, 100)} could not be resolved`;
    }
  }
  if (!addresses.length) return `The webhook host ${host.slice(0, 100)} could not be resolved`;
  if (addresses.some(isPrivateAddress)) {
    return "The webhook URL points to a loopback, private or link-local address; use a public address";
  }
  return null;
}
