import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { safeNext } from "../../lib/safe-next.ts";
import { LanguageSwitcher } from "../_components/language-switcher.tsx";
import { LoginForm } from "./login-form.tsx";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; expired?: string }> }) {
  const { next, expired } = await searchParams;
  const t = await getTranslations("login");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-slate-100 to-slate-200 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold tracking-tight text-brand-700">Centrala</p>
          <p className="mt-1 text-sm text-slate-600">{t("tagline")}</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-lg ring-1 ring-slate-200">
          <h1 className="mb-4 text-lg font-semibold">{t("title")}</h1>
          <LoginForm next={safeNext(typeof next === "string" ? next : null)} expired={expired === "1"} />
        </div>
        <div className="mt-4 flex justify-center">
          <LanguageSwitcher />
        </div>
      </div>
    </main>
  );
}
