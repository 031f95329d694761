import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Mailbox, ReceivedMail } from "./harness";

/**
 * Starts a real SMTP server on a free local port that keeps every message it receives (alert email tests, end-to-end
 * and integration); `onMessage` also hands each message to the caller as it arrives.
 */
export async function startMailbox(onMessage?: (mail: ReceivedMail) => void): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1].replace(/\r?\n[ \t]/g, " ") ?? "";
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), subject, raw };
        messages.push(mail);
        onMessage?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
