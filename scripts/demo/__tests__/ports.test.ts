import { createServer, type Server } from "node:net";
import { assertPortFree, freePort } from "../ports";
import { startNext } from "../next-server";

/** A foreign server holding a port, as a crashed earlier run would leave its next-server behind. */
async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "localhost", () => r()));
  const address = server.address();
  return { server, port: typeof address === "object" && address ? address.port : 0 };
}

describe("ports of a local stack", () => {
  it("freePort gives a port nothing listens on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(assertPortFree(port)).resolves.toBeUndefined();
  });

  it("assertPortFree names the port another process holds", async () => {
    const { server, port } = await occupy();
    try {
      await expect(assertPortFree(port)).rejects.toThrow(`port ${port} is already in use by another process`);
    } finally {
      server.close();
    }
  });

  it("startNext refuses a port a foreign server holds instead of testing against that server", async () => {
    const { server, port } = await occupy();
    try {
      await expect(startNext("start", port, {}, true)).rejects.toThrow("already in use");
    } finally {
      server.close();
    }
  });
});
