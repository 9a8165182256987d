"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { safeNext } from "../../lib/safe-next.ts";
import { Button } from "../_components/button.tsx";
import { Field, Input } from "../_components/field.tsx";
import { Notice } from "../_components/notice.tsx";

export function LoginForm({ next, expired }: { next: string; expired: boolean }) {
  const t = useTranslations("login");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/auth/sign-in/username", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      if (res.ok) {
        // Checked again here, where the redirect happens: the page's check is one prop away from it.
        window.location.assign(safeNext(next));
        return;
      }
      const body = (await res.json().catch(() => ({}))) as { code?: string; retryAfterSeconds?: number };
      if (body.code === "INVALID_ORIGIN") setError(t("wrongAddress"));
      else if (body.code === "ACCOUNT_LOCKED") setError(t("locked", { minutes: Math.ceil((body.retryAfterSeconds ?? 60) / 60) }));
      else if (res.status === 429) setError(t("rateLimited"));
      // A login or password the server cannot even look up (a NUL character in it) is just as wrong.
      else if (res.status === 401 || body.code === "INVALID_INPUT") setError(t("invalid"));
      else setError(t("serverError"));
    } catch {
      setError(t("offline"));
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {expired && !error && <Notice tone="warning">{t("expired")}</Notice>}
      {error && <Notice tone="error">{error}</Notice>}
      <Field label={t("username")} htmlFor="username">
        <Input id="username" name="username" autoComplete="username" required autoFocus />
      </Field>
      <Field label={t("password")} htmlFor="password">
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" variant="primary" busy={busy} className="w-full">
        {t("submit")}
      </Button>
    </form>
  );
}
