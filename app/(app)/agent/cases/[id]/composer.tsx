"use client";
// Writing in a case: a reply to the customer (only in a live chat you handle) or a private note,
// with canned replies (filled in for the case) and attachments. Tells the customer you are typing.
import { useTranslations } from "next-intl";
import { type KeyboardEvent, useRef, useState } from "react";
import { useMutation } from "urql";
import { Button } from "../../../../_components/button.tsx";
import { Notice } from "../../../../_components/notice.tsx";
import { apiError } from "../../../../_client/errors.ts";
import { graphql } from "../../../../_client/graphql.ts";
import { useErrorText } from "../../../../_client/use-error-text.ts";
import type { CaseData, Interaction } from "./case-query.ts";
import { AttachButton, TemplatePicker, useUploads } from "./composer-parts.tsx";
import { MacroMenu, type MacroOutcome } from "./macro-menu.tsx";

const Reply = graphql(`
  mutation Reply($input: ReplyInput!) {
    replyToCase(input: $input) {
      id
    }
  }
`);
const Typing = graphql(`
  mutation Typing($interactionId: ID!, $typing: Boolean!) {
    setTyping(interactionId: $interactionId, typing: $typing)
  }
`);

export function Composer({ kase, liveChat }: { kase: CaseData; liveChat: Interaction | null }) {
  const t = useTranslations("case.composer");
  const errors = useErrorText();
  const [mode, setMode] = useState<"MESSAGE" | "NOTE">(liveChat ? "MESSAGE" : "NOTE");
  const effectiveMode = liveChat ? mode : "NOTE";
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [macro, setMacro] = useState<MacroOutcome>(null);
  const { uploads, upload, remove, clear } = useUploads(kase.id, setError);
  const [sending, send] = useMutation(Reply);
  const [, typing] = useMutation(Typing);
  const typingState = useRef({ on: false, last: 0, timer: null as ReturnType<typeof setTimeout> | null });

  function noteTyping() {
    if (!liveChat || effectiveMode !== "MESSAGE") return;
    const s = typingState.current;
    if (!s.on || Date.now() - s.last > 3000) {
      s.on = true;
      s.last = Date.now();
      void typing({ interactionId: liveChat.id, typing: true });
    }
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(stopTyping, 3000);
  }
  function stopTyping() {
    const s = typingState.current;
    if (s.timer) clearTimeout(s.timer);
    if (s.on && liveChat) void typing({ interactionId: liveChat.id, typing: false });
    s.on = false;
  }

  async function submit() {
    if (!body.trim() && !uploads.length) return;
    setError(null);
    const r = await send({
      input: {
        caseId: kase.id,
        interactionId: effectiveMode === "MESSAGE" ? liveChat!.id : null,
        kind: effectiveMode,
        body,
        attachmentIds: uploads.map((u) => u.id),
      },
    });
    const e = apiError(r.error);
    if (e) return setError(errors.message(e));
    stopTyping();
    setBody("");
    clear();
  }

  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  }

  return (
    <div className={`border-t p-3 ${effectiveMode === "NOTE" ? "border-amber-200 bg-amber-50/60" : "border-slate-200"}`}>
      <div className="mb-2 flex items-center gap-2" role="tablist">
        <ModeTab
          active={effectiveMode === "MESSAGE"}
          disabled={!liveChat}
          onClick={() => setMode("MESSAGE")}
          label={t("reply")}
          shortcut="reply"
          title={liveChat ? undefined : t("noLiveChat")}
        />
        <ModeTab active={effectiveMode === "NOTE"} onClick={() => setMode("NOTE")} label={t("note")} shortcut="note" />
        <span className="ml-auto flex items-center gap-2">
          <MacroMenu
            caseId={kase.id}
            onOutcome={setMacro}
            onReply={(text) => {
              // The reply is for the customer: in a live chat the composer switches to it.
              if (liveChat) setMode("MESSAGE");
              setBody((b) => (b ? `${b}\n${text}` : text));
            }}
          />
          <TemplatePicker caseId={kase.id} onPick={(text) => setBody((b) => (b ? `${b}\n${text}` : text))} />
        </span>
      </div>
      {error && (
        <div className="mb-2">
          <Notice tone="error">{error}</Notice>
        </div>
      )}
      {macro && (
        <div className="mb-2" data-testid="macro-outcome">
          <Notice tone={macro.tone}>{macro.text}</Notice>
        </div>
      )}
      <textarea
        aria-label={effectiveMode === "NOTE" ? t("notePlaceholder") : t("replyPlaceholder")}
        placeholder={effectiveMode === "NOTE" ? t("notePlaceholder") : t("replyPlaceholder")}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          noteTyping();
        }}
        onKeyDown={onKey}
        onBlur={stopTyping}
        rows={3}
        maxLength={10000}
        className="block w-full resize-y rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-500"
        data-testid="composer"
        data-shortcut="composer"
      />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <AttachButton uploads={uploads} upload={upload} remove={remove} />
        <span className="ml-auto text-xs text-slate-500">{t("enterHint")}</span>
        <Button variant={effectiveMode === "NOTE" ? "secondary" : "primary"} busy={sending.fetching} onClick={() => void submit()}>
          {effectiveMode === "NOTE" ? t("addNote") : t("send")}
        </Button>
      </div>
    </div>
  );
}

function ModeTab({
  active,
  disabled,
  onClick,
  label,
  title,
  shortcut,
}: {
  active: boolean;
  disabled?: boolean;
  onClick: () => void;
  label: string;
  title?: string;
  shortcut: string;
}) {
  return (
    <button
      type="button"
      role="tab"
      data-shortcut={shortcut}
      aria-selected={active}
      disabled={disabled}
      title={title}
      onClick={onClick}
      className="rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 aria-selected:bg-slate-800 aria-selected:text-white"
    >
      {label}
    </button>
  );
}
