"use client";
import { useEffect } from "react";

const EVERY_MS = 30 * 60_000;

/**
 * While a signed-in tab is open, ask the auth endpoint for the session now and then: it extends
 * the session (and its cookie) once a quarter of its lifetime has passed, so an agent's session
 * does not end in the middle of a shift. GraphQL requests only read sessions, never extend them.
 */
export function useSessionKeepAlive() {
  useEffect(() => {
    const ping = () => void fetch("/api/auth/get-session", { credentials: "same-origin", cache: "no-store" }).catch(() => {});
    const timer = setInterval(ping, EVERY_MS);
    return () => clearInterval(timer);
  }, []);
}
