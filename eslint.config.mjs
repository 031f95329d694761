import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { FlatCompat } from "@eslint/eslintrc";

const compat = new FlatCompat({ baseDirectory: dirname(fileURLToPath(import.meta.url)) });

const config = [
  { ignores: [".next/**", ".next-*/**", "node_modules/**", "artifacts/**", "data/**", "next-env.d.ts", "coverage/**"] },
  ...compat.extends("next/core-web-vitals", "next/typescript"),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/env.ts.",
        },
      ],
    },
  },
  {
    // env.ts is the one reader of process.env; scripts set up child processes and tests set env for the code under test.
    files: [
      "lib/env.ts",
      "scripts/**",
      "**/__tests__/**",
      "jest.config.ts",
      "jest.setup.ts",
      "next.config.ts",
      "drizzle.config.ts",
      "test/**",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
];
export default config;
