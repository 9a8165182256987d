import type { ReactNode } from "react";
import { AppShell } from "./app-shell.tsx";

// Everything here is behind sign-in: server.ts redirects to /login without a session.
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
