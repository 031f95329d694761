import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem, release, platform } from "node:os";

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  libsql: string;
  date: string;
  commit: string;
}

/** What the figures were measured on (the report's header). */
export function machineInfo(): MachineInfo {
  let commit = "unknown";
  try {
    commit = execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    const dirty = execSync("git status --porcelain", { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
    if (dirty) commit += " (+ uncommitted changes)";
  } catch {
    // not a git checkout
  }
  let libsql = "unknown";
  try {
    libsql = JSON.parse(readFileSync("node_modules/@libsql/client/package.json", "utf8")).version;
  } catch {
    // not installed where expected
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${platform()} ${release()}`,
    libsql,
    date: new Date().toISOString(),
    commit,
  };
}
