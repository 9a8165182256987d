"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { graphql } from "../../../_client/graphql.ts";

const Rotate = graphql(`
  mutation RotateChatWidgetSecret($id: ID!) {
    rotateChatWidgetSecret(id: $id)
  }
`);

/** What the site owner pastes, and the secret for identity verification (shown once). */
export function EmbedCode({ widgetId, widgetKey, hasSecret }: { widgetId: string; widgetKey: string; hasSecret: boolean }) {
  const t = useTranslations("admin.chatWidgets.embed");
  const [, rotate] = useMutation(Rotate);
  const [secret, setSecret] = useState<string | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const snippet = `<script src="${origin}/widget.js" data-key="${widgetKey}" async></script>`;
  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-700">{t("paste")}</p>
      <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" data-testid="embed-snippet">
        {snippet}
      </pre>
      <Button size="sm" onClick={() => void navigator.clipboard?.writeText(snippet)}>
        {t("copy")}
      </Button>
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <h3 className="font-medium text-slate-900">{t("identityTitle")}</h3>
        <p className="text-slate-600">{t("identityExplain")}</p>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs text-slate-800">{`<script src="${origin}/widget.js" data-key="${widgetKey}"\n  data-user-id="CUSTOMER-ID" data-user-hash="HMAC_SHA256_HEX(secret, CUSTOMER-ID)"\n  data-user-name="…" data-user-email="…" async></script>`}</pre>
        {secret ? (
          <Notice tone="warning">
            {t("secretOnce")}{" "}
            <code className="font-mono break-all" data-testid="identity-secret">
              {secret}
            </code>
          </Notice>
        ) : (
          <Button
            size="sm"
            onClick={async () => {
              const r = await rotate({ id: widgetId });
              if (r.data) setSecret(r.data.rotateChatWidgetSecret);
            }}
          >
            {hasSecret ? t("rotate") : t("create")}
          </Button>
        )}
      </div>
    </div>
  );
}
