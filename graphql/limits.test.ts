import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { maxDepthRule } from "./limits.ts";
import { schema } from "./schema/index.ts";

const errors = (query: string, max = 4) => validate(schema, parse(query), [maxDepthRule(max)]);

describe("query depth limit", () => {
  it("lets ordinary queries through", () => {
    expect(errors(`{ me { user { role { name } } } }`)).toEqual([]);
  });
  it("refuses deeper nesting, through fragments too", () => {
    expect(errors(`{ me { user { teams { team { name } } } } }`)[0].extensions.code).toBe("LIMIT_EXCEEDED");
    expect(errors(`query { me { ...U } } fragment U on Me { user { teams { team { members { lead } } } } }`)).toHaveLength(1);
  });
});
