"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Field, Input, Select } from "../../../_components/field.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";

// Refetch after any CannedReply change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["CannedReply"] };

const RepliesQuery = graphql(`
  query AdminCannedReplies {
    cannedReplies {
      id
      title
      body
      queue {
        id
        name
      }
    }
    queues {
      id
      name
    }
  }
`);
const SaveReply = graphql(`
  mutation SaveCannedReply($id: ID, $input: CannedReplyInput!) {
    saveCannedReply(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteReply = graphql(`
  mutation DeleteCannedReply($id: ID!) {
    deleteCannedReply(id: $id)
  }
`);
type Reply = ResultOf<typeof RepliesQuery>["cannedReplies"][number];

export default function CannedRepliesPage() {
  const t = useTranslations("admin.cannedReplies");
  const can = useCan();
  const [{ data }] = useQuery({ query: RepliesQuery, context: REFRESH_ON, pause: !can("canned_replies.manage") });
  return (
    <AdminList
      namespace="cannedReplies"
      allowed={can("canned_replies.manage")}
      items={data?.cannedReplies}
      head={[t("titleField"), t("body"), t("queue"), ""]}
      renderRow={(r, edit) => (
        <tr key={r.id}>
          <Td className="font-medium">{r.title}</Td>
          <Td className="max-w-md truncate text-slate-600">{r.body}</Td>
          <Td>{r.queue?.name ?? t("allQueues")}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(reply, close) => <ReplyDialog reply={reply} queues={data?.queues ?? []} onClose={close} />}
    />
  );
}

function ReplyDialog({ reply, queues, onClose }: { reply: Reply | null; queues: { id: string; name: string }[]; onClose: () => void }) {
  const t = useTranslations("admin.cannedReplies");
  const errors = useErrorText();
  const [form, setForm] = useState({ title: reply?.title ?? "", body: reply?.body ?? "", queueId: reply?.queue?.id ?? "" });
  const [, save] = useMutation(SaveReply);
  const [, remove] = useMutation(DeleteReply);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  return (
    <EditDialog
      formId="reply-form"
      onClose={onClose}
      outcome={outcome}
      title={reply ? t("editTitle", { name: reply.title }) : t("new")}
      onSave={() => outcome.save(() => save({ id: reply?.id ?? null, input: { ...form, queueId: form.queueId || null } }))}
      onDelete={reply ? () => outcome.remove(() => remove({ id: reply.id }, REFRESH_ON)) : undefined}
    >
      <Field label={t("titleField")} htmlFor="cr-title" error={errors.field(issues.title, "title")}>
        <Input id="cr-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </Field>
      <Field label={t("body")} htmlFor="cr-body" error={errors.field(issues.body, "body")} hint={t("variablesHint")}>
        <textarea
          id="cr-body"
          rows={5}
          value={form.body}
          onChange={(e) => setForm({ ...form, body: e.target.value })}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300"
        />
      </Field>
      <Field label={t("queue")} htmlFor="cr-queue">
        <Select id="cr-queue" value={form.queueId} onChange={(e) => setForm({ ...form, queueId: e.target.value })}>
          <option value="">{t("allQueues")}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </Select>
      </Field>
    </EditDialog>
  );
}
