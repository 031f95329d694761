import { isPrivateAddress, privateWebhooksAllowed, webhookAddressProblem } from "../webhook-address";

describe("private webhook addresses", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.1", false],
    ["192.168.1.10", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["224.0.0.1", true],
    ["8.8.8.8", false],
    ["203.0.113.5", false],
    ["::1", true],
    ["::", true],
    ["fe80::1", true],
    ["fd12:3456::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["2001:4860:4860::8888", false],
    ["not-an-ip", true],
  ])("%s → private %p", (ip, expected) => expect(isPrivateAddress(ip)).toBe(expected));

  const names: Record<string, string[]> = {
    "hooks.example.com": ["93.184.216.34"],
    "internal.example.com": ["10.0.0.5"],
    "mixed.example.com": ["93.184.216.34", "127.0.0.1"],
    "v6.example.com": ["2606:2800:220:1:248:1893:25c8:1946"],
  };
  const lookup = async (host: string) => {
    if (!names[host]) throw new Error("ENOTFOUND");
    return names[host];
  };

  it.each([
    { url: "https://hooks.example.com/in", problem: null },
    { url: "https://v6.example.com/in", problem: null },
    { url: "https://internal.example.com/in", problem: /private/ },
    { url: "https://mixed.example.com/in", problem: /private/ },
    { url: "http://127.0.0.1:9000/hook", problem: /loopback, private or link-local/ },
    { url: "http://[::1]:9000/hook", problem: /private/ },
    { url: "http://169.254.169.254/latest/meta-data", problem: /private/ },
    { url: "https://nowhere.example.com/", problem: /could not be resolved/ },
  ])("refused in production unless allowed: $url", async ({ url, problem }) => {
    const found = await webhookAddressProblem(url, { allowPrivate: false, lookup });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
    // With the local-testing flag (or off production) nothing is refused.
    expect(await webhookAddressProblem(url, { allowPrivate: true, lookup })).toBeNull();
  });

  it("the test environment is not production: private receivers are allowed", () => {
    expect(privateWebhooksAllowed()).toBe(true);
  });
});
