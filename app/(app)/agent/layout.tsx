"use client";
import type { ReactNode } from "react";
import { useCan } from "../../_client/me.tsx";
import { Inbox } from "./_inbox/inbox.tsx";

/** The agent's desk: the inbox stays on the left while cases open on the right. */
export default function AgentLayout({ children }: { children: ReactNode }) {
  const can = useCan();
  if (!can("agents.work", "cases.read_all")) return <>{children}</>;
  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <Inbox />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
