"use client";
import { useEffect, useLayoutEffect, useRef } from "react";

/**
 * Calls `refetch` after each new `signal` (a subscription's latest event), at most once per
 * `everyMs`: a burst of events is one refetch. Only a new signal triggers it, never a re-render, so
 * passing a fresh arrow function each render is fine (the latest one is called).
 */
export function useRefetchOn(signal: unknown, refetch: () => void, everyMs: number) {
  const latest = useRef(refetch);
  useLayoutEffect(() => {
    latest.current = refetch;
  });
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (signal == null || timer.current) return;
    timer.current = setTimeout(
      () => {
        timer.current = null;
        last.current = Date.now();
        latest.current();
      },
      Math.max(0, everyMs - (Date.now() - last.current)),
    );
  }, [signal, everyMs]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
