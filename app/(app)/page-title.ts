"use client";
// Every signed-in page names itself in the tab, in the user's language: with several tabs open
// (desktop, board, a report) the agent tells them apart. A case names itself (its number).
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { usePageTitle } from "../_client/document-title.ts";
import { useCan } from "../_client/me.tsx";
import { ADMIN_SECTIONS } from "./admin/layout.tsx";

export function useShellPageTitle() {
  const nav = useTranslations("nav");
  const admin = useTranslations("admin.nav");
  const path = usePathname();
  const can = useCan();
  const section = ADMIN_SECTIONS.find((s) => path.startsWith(s.href));
  const title = path.startsWith("/agent/cases/")
    ? null
    : path.startsWith("/agent")
      ? can("agents.work")
        ? nav("desktop")
        : nav("cases")
      : path.startsWith("/contacts")
        ? nav("contacts")
        : path.startsWith("/supervisor")
          ? nav("board")
          : path.startsWith("/wallboard")
            ? nav("wallboard")
            : path.startsWith("/alarms")
              ? nav("alarms")
              : path.startsWith("/recordings")
                ? nav("recordings")
                : path.startsWith("/reports")
                  ? nav("reports")
                  : section
                    ? `${admin(section.key)} · ${nav("admin")}`
                    : path.startsWith("/admin")
                      ? nav("admin")
                      : path.startsWith("/account")
                        ? nav("account")
                        : "";
  usePageTitle(title);
}
