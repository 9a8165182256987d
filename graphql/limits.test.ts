import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Kind, parse, validate, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { MAX_ALIASES, MAX_COST, maxAliasesRule, maxCostRule, maxDepthRule, operationCost } from "./limits.ts";
import { schema } from "./schema/index.ts";

const errors = (query: string, max = 4) => validate(schema, parse(query), [maxDepthRule(max)]);
const costOf = (query: string) => {
  const doc = parse(query);
  return operationCost(schema, doc)(doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!);
};

describe("query depth limit", () => {
  it("lets ordinary queries through", () => {
    expect(errors(`{ me { user { role { name } } } }`)).toEqual([]);
  });
  it("refuses deeper nesting, through fragments too", () => {
    expect(errors(`{ me { user { teams { team { name } } } } }`)[0].extensions.code).toBe("LIMIT_EXCEEDED");
    expect(errors(`query { me { ...U } } fragment U on Me { user { teams { team { members { lead } } } } }`)).toHaveLength(1);
  });
});

describe("alias limit", () => {
  const aliased = (n: number, prefix = "a") => `{ ${Array.from({ length: n }, (_, i) => `${prefix}${i}: __typename`).join(" ")} }`;
  it("counts only aliases that rename a field", () => {
    expect(validate(schema, parse(aliased(MAX_ALIASES)), [maxAliasesRule()])).toEqual([]);
    expect(validate(schema, parse(`{ me { permissions } queues { id } queues: queues { id } }`), [maxAliasesRule(0)])).toEqual([]);
  });
  it("refuses more, counting a fragment wherever it is spread", () => {
    const [e] = validate(schema, parse(aliased(MAX_ALIASES + 1)), [maxAliasesRule()]);
    expect(e.extensions.code).toBe("LIMIT_EXCEEDED");
    expect(e.message).toBe(`The query uses ${MAX_ALIASES + 1} aliases; at most ${MAX_ALIASES} are allowed`);
    const spread = `{ me { ...F ...G } } fragment F on Me { a: permissions b: permissions } fragment G on Me { ...F }`;
    expect(validate(schema, parse(spread), [maxAliasesRule(3)])).toHaveLength(1);
  });
});

describe("cost limit", () => {
  it("counts fields 1 and lists of records 10 plus their items times the size asked for", () => {
    expect(costOf(`{ me { permissions user { name } } }`)).toBe(4);
    expect(costOf(`{ queues { id name } }`)).toBe(10 + 10 * 2);
    expect(costOf(`query { inbox(scope: MINE, limit: 100) { id subject } }`)).toBe(10 + 100 * 2);
    expect(costOf(`query($n: Int = 3) { inbox(scope: MINE, limit: $n) { id } }`)).toBe(10 + 3);
    expect(costOf(`query($n: Int) { inbox(scope: MINE, limit: $n) { id } }`)).toBe(10 + 10);
  });
  it("multiplies nested lists, through fragments and inline fragments", () => {
    expect(costOf(`{ teams { members { user { name } } } }`)).toBe(10 + 10 * (10 + 10 * 2));
    expect(costOf(`{ teams { ...T } } fragment T on Team { members { ... on TeamMember { lead } } }`)).toBe(10 + 10 * (10 + 10));
  });
  it("does not charge the schema's own introspection lists like database lists", () => {
    expect(costOf(`{ __schema { types { name fields { name } } } }`)).toBeLessThan(10);
  });
  it("refuses an operation over the limit with a coded, readable error", () => {
    const heavy = `{ ${Array.from({ length: 100 }, (_, i) => `i${i}: inbox(scope: ALL, limit: 200) { id subject }`).join(" ")} }`;
    const [e] = validate(schema, parse(heavy), [maxCostRule()]);
    expect(e.extensions.code).toBe("LIMIT_EXCEEDED");
    expect(e.message).toMatch(new RegExp(`^The query would cost 41000 .* at most ${MAX_COST} is allowed$`));
  });
  it("measures a fragment once, however often it is spread (no exponential work)", () => {
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Me { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const doc = parse(`{ me { ...F0 } } ${chain} fragment F40 on Me { permissions }`);
    const started = performance.now();
    expect(validate(schema, doc, [maxCostRule(), maxAliasesRule(), maxDepthRule()])).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

/** Every GraphQL document written in the app's pages: graphql(`…`) in app/**\/*.ts(x). */
function appDocuments(): { file: string; source: string }[] {
  const root = path.join(import.meta.dirname, "..", "app");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
  return files.flatMap((f) => [...readFileSync(path.join(root, f), "utf8").matchAll(/graphql\(\s*`([^`]*)`/g)].map((m) => ({ file: f, source: m[1] })));
}

describe("the app's own operations", () => {
  const documents = appDocuments();
  const fragments = new Map(
    documents.flatMap(({ source }) => parse(source).definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, source] as const] : []))),
  );
  /** An operation with the fragments it spreads (from any file), as the client sends it. */
  const complete = (source: string): DocumentNode => {
    const wanted = new Set<string>();
    const pending = [source];
    while (pending.length) {
      for (const [, name] of pending.pop()!.matchAll(/\.\.\.\s*([A-Za-z_]\w*)/g)) {
        if (wanted.has(name) || !fragments.has(name)) continue;
        wanted.add(name);
        pending.push(fragments.get(name)!);
      }
    }
    const own = new Set(parse(source).definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    return parse([source, ...[...wanted].filter((n) => !own.has(n)).map((n) => fragments.get(n)!)].join("\n"));
  };
  const operations = documents.filter(({ source }) => parse(source).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION));

  it("are all found", () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it("never reach a limit, with a wide margin on cost", () => {
    let costliest = { cost: 0, name: "" };
    for (const { file, source } of operations) {
      const doc = complete(source);
      expect(validate(schema, doc, [maxDepthRule(), maxAliasesRule(), maxCostRule()]), file).toEqual([]);
      const costOfOp = operationCost(schema, doc);
      for (const d of doc.definitions) {
        if (d.kind !== Kind.OPERATION_DEFINITION) continue;
        const cost = costOfOp(d);
        if (cost > costliest.cost) costliest = { cost, name: `${file} ${d.name?.value}` };
      }
    }
    expect(costliest.cost, costliest.name).toBeLessThanOrEqual(MAX_COST / 4);
  });
});
