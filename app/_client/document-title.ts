"use client";
// The tab's title: the page's name in the user's language, after a badge counting work offered
// ("(1) Desktop · Centrala"), so a waiting offer shows even in a background tab. One title for
// the tab, written from two places (the shell names the page, the offers count), kept here.
import { useEffect } from "react";

const title = { page: "", badge: 0 };

function apply() {
  const base = title.page ? `${title.page} · Centrala` : "Centrala";
  document.title = title.badge > 0 ? `(${title.badge}) ${base}` : base;
}

/** Names the page in the tab's title (null: leave it to the page itself). */
export function usePageTitle(page: string | null) {
  useEffect(() => {
    if (page === null) return;
    title.page = page;
    apply();
  }, [page]);
}

/** Counts offers waiting in the tab's title; gone with the component. */
export function useTitleBadge(count: number) {
  useEffect(() => {
    title.badge = count;
    apply();
    return () => {
      title.badge = 0;
      apply();
    };
  }, [count]);
}
