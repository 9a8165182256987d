"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useCan } from "../../_client/me.tsx";
import { NoAccess } from "../no-access.tsx";
import { ADMIN_SECTIONS } from "./layout.tsx";

export default function AdminHome() {
  const can = useCan();
  const router = useRouter();
  const first = ADMIN_SECTIONS.find((s) => can(...s.permissions));
  useEffect(() => {
    if (first) router.replace(first.href);
  }, [first, router]);
  return first ? null : <NoAccess />;
}
