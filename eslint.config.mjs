import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { dirname, join, relative, resolve } from "node:path";
import { FOLDERS, ROOT, findCycles } from "./scripts/check-cycles.mjs";

// No import cycles (docs/architecture.md, "Which slice depends on which"). The whole graph is read
// once per lint run (about 0.1 s; again after a second, for editors that keep ESLint running).
let cycles = { at: 0, ringOf: new Map() };
function ringOf(file) {
  if (Date.now() - cycles.at > 1000) {
    cycles = { at: Date.now(), ringOf: new Map(findCycles().flatMap((c) => Object.entries(c.ringOf))) };
  }
  return cycles.ringOf.get(relative(ROOT, file).split("\\").join("/"));
}
const noImportCycle = {
  meta: { type: "problem", docs: { description: "Forbid import cycles between files (and so between slices)" }, schema: [] },
  create(context) {
    const ring = ringOf(context.filename);
    if (!ring) return {};
    const next = join(ROOT, ring[1]);
    const message = `Import cycle: ${ring.join(" → ")}. Let the lower slice own the helper, or declare a port it owns (domain/ports.ts).`;
    let reported = false;
    const check = (node) => {
      const spec = node.source?.value;
      if (reported || typeof spec !== "string") return;
      const base = spec.startsWith("@/") ? join(ROOT, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(context.filename), spec) : null;
      if (base && [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].includes(next)) {
        reported = true;
        context.report({ node, message });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      "Program:exit"(node) {
        if (!reported) context.report({ node, loc: { line: 1, column: 0 }, message });
      },
    };
  },
};

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
    files: FOLDERS.flatMap((f) => [`${f}/**/*.ts`, `${f}/**/*.tsx`]),
    plugins: { centrala: { rules: { "no-import-cycle": noImportCycle } } },
    rules: { "centrala/no-import-cycle": "error" },
  },
  {
    // Adapters depend on the domain and on lib's plumbing, never on the transports that serve users:
    // media and channels know nothing of pages or the GraphQL schema (a type the composition root
    // hands them, such as the pub/sub's, may be named); lib (the composition root) knows no page.
    files: ["channels/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/app/**", "**/graphql/**"],
              allowTypeImports: true,
              message: "channels/ must not import from app/ or graphql/: the API calls them, not the reverse.",
            },
            { group: ["**/media/**"], message: "channels/ reach media through the CallMedia port (domain/ports.ts), which may be on another node." },
          ],
        },
      ],
    },
  },
  {
    files: ["media/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/app/**", "**/graphql/**"], allowTypeImports: true, message: "media/ must not import from app/ or graphql/: the API calls media, not the reverse." },
            { group: ["**/channels/**"], message: "media/ must not import from channels/: a channel reaches media through the port." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/app/**"], message: "lib/ must not import pages (app/)." }] }],
    },
  },
  {
    files: ["graphql/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/app/**"], message: "graphql/ must not import pages (app/)." },
            { group: ["**/media/**"], message: "The API reaches media through the CallMedia port (domain/ports.ts), which may be on another node." },
          ],
        },
      ],
    },
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
