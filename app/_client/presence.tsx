"use client";
// The signed-in agent's own state, shared by the header control and the desktop page, and kept
// live: changes from another tab, a supervisor or the system arrive through a subscription.
import { type ReactNode, createContext, useContext, useMemo } from "react";
import { useMutation, useQuery, useSubscription } from "urql";
import { apiError, type ApiError } from "./errors.ts";
import { type ResultOf, graphql } from "./graphql.ts";

const PresenceFields = graphql(`
  fragment PresenceFields on AgentPresence @_unmask {
    userId
    state
    since
    source
    pauseCode {
      id
      name
      maxDurationMinutes
      systemKey
    }
    activity {
      doing
      chats
      emails
      occupancy
    }
  }
`);

const MyPresenceQuery = graphql(
  `
    query MyPresence {
      myPresence {
        ...PresenceFields
      }
      pauseCodes {
        id
        name
        maxDurationMinutes
      }
    }
  `,
  [PresenceFields],
);
const MyPresenceSub = graphql(
  `
    subscription MyPresenceChanged {
      myPresenceChanged {
        ...PresenceFields
      }
    }
  `,
  [PresenceFields],
);
const SetStateMutation = graphql(
  `
    mutation SetMyAgentState($state: AgentState!, $pauseCodeId: ID) {
      setMyAgentState(state: $state, pauseCodeId: $pauseCodeId) {
        ...PresenceFields
      }
    }
  `,
  [PresenceFields],
);

export type Presence = ResultOf<typeof PresenceFields>;
type State = Presence["state"];

interface PresenceContextValue {
  presence: Presence | null;
  pauseCodes: { id: string; name: string; maxDurationMinutes: number | null }[];
  setState(state: State, pauseCodeId?: string): Promise<ApiError | null>;
  changing: boolean;
}

const Ctx = createContext<PresenceContextValue | null>(null);

export function PresenceProvider({ children }: { children: ReactNode }) {
  const [query] = useQuery({ query: MyPresenceQuery });
  const [sub] = useSubscription({ query: MyPresenceSub });
  const [mutation, run] = useMutation(SetStateMutation);
  // Newest state wins; on a tie the pushed one (the same state with new activity) wins.
  const latest = [sub.data?.myPresenceChanged, mutation.data?.setMyAgentState, query.data?.myPresence]
    .filter((p): p is Presence => !!p)
    .sort((a, b) => Date.parse(b.since) - Date.parse(a.since))[0];
  const value = useMemo<PresenceContextValue>(
    () => ({
      presence: latest ?? null,
      pauseCodes: query.data?.pauseCodes ?? [],
      changing: mutation.fetching,
      async setState(state, pauseCodeId) {
        const r = await run({ state, pauseCodeId: pauseCodeId ?? null });
        return apiError(r.error);
      },
    }),
    [latest, query.data?.pauseCodes, mutation.fetching, run],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePresence(): PresenceContextValue | null {
  return useContext(Ctx);
}
