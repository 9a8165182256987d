"use client";
import { useTranslations } from "next-intl";
import { Notice } from "../_components/notice.tsx";

export function NoAccess() {
  const t = useTranslations("common");
  return <Notice tone="warning">{t("noAccess")}</Notice>;
}
