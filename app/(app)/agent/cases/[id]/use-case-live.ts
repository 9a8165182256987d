"use client";
import { useEffect, useRef, useState } from "react";
import { useSubscription } from "urql";
import { graphql } from "../../../../_client/graphql.ts";
import { useRefetchOn } from "../../../../_client/use-refetch-on.ts";

const CaseActivitySub = graphql(`
  subscription CaseActivity($caseId: ID!) {
    caseActivity(caseId: $caseId) {
      caseId
      kind
      typing {
        interactionId
        by
        typing
      }
      read {
        interactionId
        by
        at
      }
    }
  }
`);

/**
 * Live activity of a case: refetch on messages, reads and changes (at most every 250 ms); keep the
 * customer's typing indicator, which lapses after 6 s without news.
 */
export function useCaseLive(caseId: string, refetch: () => void) {
  const [{ data }] = useSubscription({ query: CaseActivitySub, variables: { caseId } });
  const [typing, setTyping] = useState(false);
  const [change, setChange] = useState<object | null>(null);
  const lapse = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const e = data?.caseActivity;
    if (!e) return;
    if (e.kind === "typing" && e.typing?.by === "CONTACT") {
      setTyping(e.typing.typing);
      if (lapse.current) clearTimeout(lapse.current);
      if (e.typing.typing) lapse.current = setTimeout(() => setTyping(false), 6000);
      return;
    }
    if (e.typing?.by === "AGENT") return;
    if (e.kind === "message") setTyping(false);
    setChange(e);
  }, [data]);
  useRefetchOn(change, refetch, 250);
  useEffect(
    () => () => {
      if (lapse.current) clearTimeout(lapse.current);
    },
    [],
  );
  return { typing, change };
}
