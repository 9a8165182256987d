"use client";
import type { ReactNode } from "react";
import { useCan } from "../../_client/me.tsx";
import { Inbox } from "./_inbox/inbox.tsx";

/** The agent's desk: the inbox stays on the left while cases open on the right. */
export default function AgentLayout({ children }: { children: ReactNode }) {
  const can = useCan();
  if (!can("agents.work", "cases.read_all")) return <>{children}</>;
  return (
    // On a desk-sized screen the inbox and the case each fill the height left and scroll on their own.
    <div className="grid gap-6 lg:h-full lg:grid-cols-[22rem_1fr] lg:grid-rows-[minmax(0,1fr)]">
      <div className="relative lg:min-h-0 lg:overflow-y-auto" data-testid="inbox-column">
        <Inbox />
      </div>
      <div className="min-w-0 lg:min-h-0 lg:overflow-y-auto xl:overflow-visible">{children}</div>
    </div>
  );
}
