// Bounds on what one GraphQL operation may ask for: relations can nest (user → teams → members →
// user → …), a deep query would fan out into many database queries, and aliases let one request
// repeat an expensive field many times over. Each rule measures a fragment once, however often it
// is spread, so measuring stays linear even for a document built to explode.
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

export const MAX_DEPTH = 10;
/** Aliases that rename a field, per operation (a fragment's count wherever it is spread). */
export const MAX_ALIASES = 30;
/**
 * Cost per operation. The costliest operations the app itself sends (the IVR report, the inbox of
 * 100 cases) cost about 6,000; limits.test.ts runs every one of them through the rule and keeps them
 * under a quarter of this.
 */
export const MAX_COST = 30_000;
/** A list of records: one database query, plus what is selected in each item times the list's size. */
export const LIST_COST = 10;
/** The size assumed for a list without a size argument (or with one in a variable without a default). */
export const ASSUMED_LIST_SIZE = 10;
const SIZE_ARGS = ["limit", "first", "last", "take"];

/** A measure of each fragment, computed once; a fragment spread inside itself counts `onCycle` (NoFragmentCycles reports it). */
function perFragment<T>(document: DocumentNode, measure: (fragment: FragmentDefinitionNode) => T, onCycle: T) {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const memo = new Map<string, T>();
  return (name: string): T => {
    const fragment = fragments.get(name);
    if (!fragment) return onCycle;
    if (!memo.has(name)) {
      memo.set(name, onCycle);
      memo.set(name, measure(fragment));
    }
    return memo.get(name)!;
  };
}

function limitRule(name: string, measure: (document: DocumentNode, schema: GraphQLSchema) => (op: OperationDefinitionNode) => string | null): ValidationRule {
  const rule = (context: ValidationContext) => {
    const check = measure(context.getDocument(), context.getSchema());
    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const problem = check(operation);
        if (problem) context.reportError(new GraphQLError(problem, { nodes: [operation], extensions: { code: "LIMIT_EXCEEDED" } }));
      },
    };
  };
  // Named: yoga caches validation results per list of rule names.
  return Object.defineProperty(rule, "name", { value: name });
}

export function maxDepthRule(max = MAX_DEPTH): ValidationRule {
  return limitRule("maxDepth", (document) => {
    const fragment = perFragment(document, (f) => depth(f.selectionSet.selections), 0);
    // reduce, not Math.max(...): a selection may list more fields than a call takes arguments.
    const depth = (selections: readonly SelectionNode[]): number =>
      selections.reduce((deepest, s) => {
        const d =
          s.kind === Kind.FIELD
            ? 1 + (s.selectionSet ? depth(s.selectionSet.selections) : 0)
            : s.kind === Kind.INLINE_FRAGMENT
              ? depth(s.selectionSet.selections)
              : fragment(s.name.value);
        return Math.max(deepest, d);
      }, 0);
    return (operation) => {
      const levels = depth(operation.selectionSet.selections);
      return levels > max ? `The query is nested ${levels} levels deep; at most ${max} are allowed` : null;
    };
  });
}

export function maxAliasesRule(max = MAX_ALIASES): ValidationRule {
  return limitRule("maxAliases", (document) => {
    const fragment = perFragment(document, (f) => aliases(f.selectionSet.selections), 0);
    const aliases = (selections: readonly SelectionNode[]): number =>
      selections.reduce((sum, s) => {
        if (s.kind === Kind.FRAGMENT_SPREAD) return sum + fragment(s.name.value);
        if (s.kind === Kind.INLINE_FRAGMENT) return sum + aliases(s.selectionSet.selections);
        const renamed = s.alias && s.alias.value !== s.name.value ? 1 : 0;
        return sum + renamed + (s.selectionSet ? aliases(s.selectionSet.selections) : 0);
      }, 0);
    return (operation) => {
      const count = aliases(operation.selectionSet.selections);
      return count > max ? `The query uses ${count} aliases; at most ${max} are allowed` : null;
    };
  });
}

/**
 * What an operation costs: each field 1; a list of records (not of scalars, nor of the schema's
 * introspection types, which are in memory) LIST_COST plus what each item selects times the list's
 * size — its limit/first/last/take argument, else ASSUMED_LIST_SIZE — so nested lists multiply.
 * Lists that a resolver computes in memory (the IVR report's) are counted like the database's:
 * telling them apart would mean reading Pothos internals, and erring high is the safe side.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode) {
  const fragment = perFragment(
    document,
    (f) => {
      const type = schema.getType(f.typeCondition.name.value);
      return type ? cost(f.selectionSet.selections, type, null) : 0;
    },
    0,
  );
  const sizeOf = (field: FieldNode, operation: OperationDefinitionNode | null): number => {
    const arg = field.arguments?.find((a) => SIZE_ARGS.includes(a.name.value));
    let value = arg?.value;
    if (value?.kind === Kind.VARIABLE) {
      const name = value.name.value;
      value = operation?.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;
    }
    return value?.kind === Kind.INT ? Math.max(1, Number(value.value)) : ASSUMED_LIST_SIZE;
  };
  const cost = (selections: readonly SelectionNode[], parent: GraphQLNamedType, operation: OperationDefinitionNode | null): number =>
    selections.reduce((sum, s) => {
      if (s.kind === Kind.FRAGMENT_SPREAD) return sum + fragment(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) {
        const type = (s.typeCondition && schema.getType(s.typeCondition.name.value)) || parent;
        return sum + cost(s.selectionSet.selections, type, operation);
      }
      const name = s.name.value;
      const def =
        name === "__schema"
          ? SchemaMetaFieldDef
          : name === "__type"
            ? TypeMetaFieldDef
            : isObjectType(parent) || isInterfaceType(parent)
              ? parent.getFields()[name]
              : undefined;
      if (!def) return sum + 1; // __typename, or a field other rules report as unknown
      const named = getNamedType(def.type);
      const inner = s.selectionSet ? cost(s.selectionSet.selections, named, operation) : 0;
      const records = isListType(getNullableType(def.type)) && isCompositeType(named) && !named.name.startsWith("__");
      return sum + (records ? LIST_COST + sizeOf(s, operation) * inner : 1 + inner);
    }, 0);
  return (operation: OperationDefinitionNode): number => {
    const root = schema.getRootType(operation.operation);
    return root ? cost(operation.selectionSet.selections, root, operation) : 0;
  };
}

export function maxCostRule(max = MAX_COST): ValidationRule {
  return limitRule("maxCost", (document, schema) => {
    const costOf = operationCost(schema, document);
    return (operation) => {
      const cost = costOf(operation);
      return cost > max ? `The query would cost ${cost} (a list counts ${LIST_COST} and multiplies what it selects); at most ${max} is allowed` : null;
    };
  });
}
