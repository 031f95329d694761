import type { Config } from "jest";

type Project = NonNullable<Config["projects"]>[number] & object;

const base: Project = {
  testEnvironment: "node",
  roots: ["<rootDir>"],
  testMatch: ["**/__tests__/**/*.test.ts", "**/__tests__/**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/.next/", "/e2e/"],
  // ESM-only packages (Parquet) are compiled like the sources.
  transformIgnorePatterns: ["/node_modules/(?!(hyparquet|hyparquet-writer)/)"],
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } } } },
    ],
  },
  moduleNameMapper: {
    "^@/(.*)$": "<rootDir>/$1",
    "^server-only$": "<rootDir>/test/stubs/empty.ts",
  },
  setupFiles: ["<rootDir>/test/setup-env.ts"],
};

/**
 * Two projects: every suite on local libSQL files, and the database suites (storage, aggregation, energy accounts,
 * migrations) once more through `@libsql/client` in remote mode, against the Hrana bridge (test/helpers/hrana-bridge.ts)
 * — the path production takes to Turso.
 */
const config: Config = {
  testTimeout: 30_000,
  maxWorkers: 2,
  projects: [
    { ...base, displayName: "local" },
    {
      ...base,
      displayName: "remote",
      testMatch: [
        "<rootDir>/lib/{db,ingest,aggregation,accounts,retention,export,backfill}/**/__tests__/**/*.integration.test.ts",
      ],
      setupFiles: ["<rootDir>/test/setup-env.ts", "<rootDir>/test/setup-remote-db.ts"],
    },
  ],
};

export default config;
