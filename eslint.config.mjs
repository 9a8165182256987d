import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["generated/**", ".next/**", "data/**", "node_modules/**", "graphql/graphql-env.d.ts", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  { files: ["tests/**", "bench/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  { files: ["vendor/**/*.js"], languageOptions: { sourceType: "commonjs", globals: { module: "writable" } } },
  // The widget loader runs on customers' pages, as a classic browser script.
  {
    files: ["public/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: Object.fromEntries(
        ["window", "document", "navigator", "location", "localStorage", "fetch", "console", "URL", "URLSearchParams"].map((g) => [g, "readonly"]),
      ),
    },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    // The domain knows nothing of transports and adapters (CONVENTIONS.md): they depend on it, not the reverse.
    files: ["domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**", "**/graphql/**", "**/channels/**", "**/media/**", "**/lib/**"],
              message: "domain/ must not import from app/, graphql/, channels/, media/ or lib/: declare a port in domain/ports.ts instead.",
            },
            {
              group: ["better-auth*", "graphql*", "next*", "react*", "ws", "ioredis", "mediasoup*", "janode*", "imapflow", "nodemailer"],
              message: "domain/ stays free of frameworks and adapters.",
            },
          ],
        },
      ],
    },
  },
);
