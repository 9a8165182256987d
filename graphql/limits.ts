// Bounds on what one GraphQL operation may ask for: relations can nest (user → teams → members →
// user → …), and a deep query would fan out into many database queries.
import { GraphQLError, Kind, type ASTNode, type ValidationContext, type ValidationRule } from "graphql";

export const MAX_DEPTH = 10;

export function maxDepthRule(max = MAX_DEPTH): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map(context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    const depthOf = (node: ASTNode, depth: number, seen: Set<string>): number => {
      if (node.kind === Kind.FIELD) {
        if (!node.selectionSet) return depth;
        return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth + 1, seen)));
      }
      if (node.kind === Kind.INLINE_FRAGMENT) return Math.max(depth, ...node.selectionSet.selections.map((s) => depthOf(s, depth, seen)));
      if (node.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(node.name.value);
        if (!fragment || seen.has(node.name.value)) return depth;
        return Math.max(depth, ...fragment.selectionSet.selections.map((s) => depthOf(s, depth, new Set([...seen, node.name.value]))));
      }
      return depth;
    };
    return {
      OperationDefinition(operation) {
        const depth = Math.max(0, ...operation.selectionSet.selections.map((s) => depthOf(s, 1, new Set())));
        if (depth > max) {
          context.reportError(
            new GraphQLError(`The query is nested ${depth} levels deep; at most ${max} are allowed`, {
              nodes: [operation],
              extensions: { code: "LIMIT_EXCEEDED" },
            }),
          );
        }
      },
    };
  };
}
