"use client";
import { useEffect, useState } from "react";
import { useSubscription } from "urql";
import { graphql, type ResultOf } from "../../../../_client/graphql.ts";
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

/** What the case's live feed has said so far, folded event by event. */
export interface CaseLive {
  /** The customer is typing, as last heard. */
  typing: boolean;
  /** Counts each change of `typing`, so its lapse restarts on every report. */
  typingNews: number;
  /** The latest event that changes what the case shows (a message, a read, a status). */
  change: object | null;
}

const QUIET: CaseLive = { typing: false, typingNews: 0, change: null };

/**
 * Folds one event into the case's live state. Every event goes through here — several arriving in
 * one render (the customer's read receipt and first keystroke, say) are each counted, where reading
 * only the subscription's latest value would drop all but the last.
 */
export function foldCaseActivity(live: CaseLive = QUIET, event: ResultOf<typeof CaseActivitySub>): CaseLive {
  const e = event.caseActivity;
  if (e.kind === "typing") {
    if (e.typing?.by !== "CONTACT") return live;
    return { ...live, typing: e.typing.typing, typingNews: live.typingNews + 1 };
  }
  if (e.kind === "message") return { typing: false, typingNews: live.typingNews + 1, change: e };
  return { ...live, change: e };
}

/**
 * Live activity of a case: refetch on messages, reads and changes (at most every 250 ms); keep the
 * customer's typing indicator, which lapses after 6 s without news.
 */
export function useCaseLive(caseId: string, refetch: () => void) {
  const [{ data }] = useSubscription({ query: CaseActivitySub, variables: { caseId } }, foldCaseActivity);
  const live = data ?? QUIET;
  const [lapsed, setLapsed] = useState(-1);
  useEffect(() => {
    if (!live.typing) return;
    const news = live.typingNews;
    const timer = setTimeout(() => setLapsed(news), 6000);
    return () => clearTimeout(timer);
  }, [live.typing, live.typingNews]);
  useRefetchOn(live.change, refetch, 250);
  return { typing: live.typing && lapsed !== live.typingNews, change: live.change };
}
