import { describe, expect, it } from "vitest";
import { readMigrations } from "./schema-engine.ts";

describe("migration files", () => {
  it("have no semicolon inside a comment (the PostgreSQL driver path splits scripts on them)", () => {
    const offenders = readMigrations().flatMap((m) =>
      m.sql
        .split("\n")
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => /--.*;/.test(line))
        .map(({ i }) => `${m.name}/migration.sql:${i + 1}`),
    );
    expect(offenders).toEqual([]);
  });
});
