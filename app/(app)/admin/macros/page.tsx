"use client";
// Macros: a name, a reply for the composer (own text or a canned reply), and what changes in the
// case with it — status, tags added and removed, assignee. Agents apply them from the case page.
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Checkbox, Field, Input, Select } from "../../../_components/field.tsx";
import { Td } from "../../../_components/table.tsx";
import { TagChip } from "../../../_components/tag-chip.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";
import { EditDialog, useEditOutcome } from "../edit-dialog.tsx";

const REFRESH_ON = { additionalTypenames: ["Macro"] };

const MacrosQuery = graphql(`
  query AdminMacros($withUsers: Boolean!, $withReplies: Boolean!) {
    macros {
      id
      name
      body
      cannedReplyId
      status {
        id
        name
        color
      }
      assign
      assignee {
        id
        name
      }
      addTags {
        id
        name
        color
        active
      }
      removeTags {
        id
        name
        color
        active
      }
    }
    tags(includeArchived: true) {
      id
      name
      color
      active
    }
    processes {
      id
      name
      statuses {
        id
        name
        active
      }
    }
    cannedReplies @include(if: $withReplies) {
      id
      title
    }
    users @include(if: $withUsers) {
      id
      name
      active
    }
  }
`);
const SaveMacro = graphql(`
  mutation SaveMacro($id: ID, $input: MacroInput!) {
    saveMacro(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteMacro = graphql(`
  mutation DeleteMacro($id: ID!) {
    deleteMacro(id: $id)
  }
`);
type Data = ResultOf<typeof MacrosQuery>;
type Macro = Data["macros"][number];
const ASSIGN = ["KEEP", "ME", "UNASSIGN", "USER"] as const;
type ReplyKind = "NONE" | "TEXT" | "CANNED";

export default function MacrosPage() {
  const t = useTranslations("admin.macros");
  const can = useCan();
  const [{ data }] = useQuery({
    query: MacrosQuery,
    variables: { withUsers: can("users.read", "users.manage"), withReplies: can("canned_replies.manage") },
    context: REFRESH_ON,
    pause: !can("cases.configure"),
  });
  return (
    <AdminList
      namespace="macros"
      allowed={can("cases.configure")}
      items={data?.macros}
      head={[t("name"), t("does"), ""]}
      renderRow={(m, edit) => (
        <tr key={m.id}>
          <Td className="font-medium">{m.name}</Td>
          <Td>
            <MacroSummary m={m} />
          </Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(m, close) => data && <MacroDialog macro={m} data={data} onClose={close} />}
    />
  );
}

function MacroSummary({ m }: { m: Macro }) {
  const t = useTranslations("admin.macros");
  const parts: ReactNode[] = [];
  if (m.body || m.cannedReplyId) parts.push(t("summary.reply"));
  if (m.status) parts.push(t("summary.status", { name: m.status.name }));
  if (m.assign !== "KEEP") parts.push(m.assign === "USER" ? t("summary.USER", { name: m.assignee?.name ?? "?" }) : t(`summary.${m.assign}`));
  return (
    <span className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
      {parts.map((p, i) => (
        <span key={i}>{p}</span>
      ))}
      {m.addTags.map((tag) => (
        <span key={`+${tag.id}`} className="inline-flex items-center gap-0.5">
          + <TagChip tag={tag} />
        </span>
      ))}
      {m.removeTags.map((tag) => (
        <span key={`-${tag.id}`} className="inline-flex items-center gap-0.5">
          − <TagChip tag={tag} />
        </span>
      ))}
      {!parts.length && !m.addTags.length && !m.removeTags.length && <span className="text-slate-400">{t("summary.nothing")}</span>}
    </span>
  );
}

function MacroDialog({ macro, data, onClose }: { macro: Macro | null; data: Data; onClose: () => void }) {
  const t = useTranslations("admin.macros");
  const errors = useErrorText();
  const [form, setForm] = useState({
    name: macro?.name ?? "",
    reply: (macro?.cannedReplyId ? "CANNED" : macro?.body ? "TEXT" : "NONE") as ReplyKind,
    body: macro?.body ?? "",
    cannedReplyId: macro?.cannedReplyId ?? "",
    statusId: macro?.status?.id ?? "",
    assign: (macro?.assign ?? "KEEP") as (typeof ASSIGN)[number],
    assigneeId: macro?.assignee?.id ?? "",
    add: new Set(macro?.addTags.map((x) => x.id)),
    remove: new Set(macro?.removeTags.map((x) => x.id)),
  });
  const [, save] = useMutation(SaveMacro);
  const [, remove] = useMutation(DeleteMacro);
  const outcome = useEditOutcome(onClose);
  const { issues } = outcome;
  const replies = data.cannedReplies ?? [];
  const people = (data.users ?? []).filter((u) => u.active || u.id === form.assigneeId);
  const tags = data.tags.filter((x) => x.active || form.add.has(x.id) || form.remove.has(x.id));
  const toggle = (which: "add" | "remove", id: string, on: boolean) => {
    const next = { add: new Set(form.add), remove: new Set(form.remove) };
    next[which][on ? "add" : "delete"](id);
    // A tag is added or removed, not both.
    if (on) next[which === "add" ? "remove" : "add"].delete(id);
    setForm({ ...form, ...next });
  };

  return (
    <EditDialog
      formId="macro-form"
      onClose={onClose}
      outcome={outcome}
      title={macro ? t("editTitle", { name: macro.name }) : t("new")}
      onDelete={macro ? () => outcome.remove(() => remove({ id: macro.id }, REFRESH_ON)) : undefined}
      onSave={() =>
        outcome.save(() =>
          save({
            id: macro?.id ?? null,
            input: {
              name: form.name,
              body: form.reply === "TEXT" ? form.body : "",
              cannedReplyId: form.reply === "CANNED" ? form.cannedReplyId || null : null,
              statusId: form.statusId || null,
              assign: form.assign,
              assigneeId: form.assign === "USER" ? form.assigneeId || null : null,
              addTagIds: [...form.add],
              removeTagIds: [...form.remove],
            },
          }),
        )
      }
    >
      <Field label={t("name")} htmlFor="mc-name" error={errors.field(issues.name, "name")}>
        <Input id="mc-name" value={form.name} maxLength={80} onChange={(e) => setForm({ ...form, name: e.target.value })} />
      </Field>
      <Field label={t("reply")} htmlFor="mc-reply">
        <Select id="mc-reply" value={form.reply} onChange={(e) => setForm({ ...form, reply: e.target.value as ReplyKind })}>
          {(["NONE", "TEXT", "CANNED"] as const)
            .filter((k) => k !== "CANNED" || replies.length)
            .map((k) => (
              <option key={k} value={k}>
                {t(`replyKind.${k}`)}
              </option>
            ))}
        </Select>
      </Field>
      {form.reply === "TEXT" && (
        <Field label={t("replyText")} htmlFor="mc-body" error={errors.field(issues.body, "body")} hint={t("replyHint")}>
          <textarea
            id="mc-body"
            rows={4}
            value={form.body}
            onChange={(e) => setForm({ ...form, body: e.target.value })}
            className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300"
          />
        </Field>
      )}
      {form.reply === "CANNED" && (
        <Field label={t("cannedReply")} htmlFor="mc-canned" error={errors.field(issues.cannedReplyId, "cannedReplyId")}>
          <Select id="mc-canned" value={form.cannedReplyId} onChange={(e) => setForm({ ...form, cannedReplyId: e.target.value })}>
            <option value="" />
            {replies.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("status")} htmlFor="mc-status">
          <Select id="mc-status" value={form.statusId} onChange={(e) => setForm({ ...form, statusId: e.target.value })}>
            <option value="">{t("keep")}</option>
            {data.processes.map((p) => {
              const options = p.statuses
                .filter((s) => s.active || s.id === form.statusId)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ));
              return data.processes.length > 1 ? (
                <optgroup key={p.id} label={p.name}>
                  {options}
                </optgroup>
              ) : (
                options
              );
            })}
          </Select>
        </Field>
        <Field label={t("assign")} htmlFor="mc-assign">
          <Select id="mc-assign" value={form.assign} onChange={(e) => setForm({ ...form, assign: e.target.value as (typeof ASSIGN)[number] })}>
            {ASSIGN.filter((a) => a !== "USER" || people.length).map((a) => (
              <option key={a} value={a}>
                {t(`assignKind.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {form.assign === "USER" && (
        <Field label={t("assignee")} htmlFor="mc-assignee" error={errors.field(issues.assigneeId, "assigneeId")}>
          <Select id="mc-assignee" value={form.assigneeId} onChange={(e) => setForm({ ...form, assigneeId: e.target.value })}>
            <option value="" />
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {tags.length > 0 && (
        <div className="grid gap-4 sm:grid-cols-2">
          {(["add", "remove"] as const).map((which) => (
            <fieldset key={which} className="space-y-1.5 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium text-slate-700">{t(which === "add" ? "addTags" : "removeTags")}</legend>
              {tags.map((x) => (
                <div key={x.id}>
                  <Checkbox label={<TagChip tag={x} />} checked={form[which].has(x.id)} onChange={(e) => toggle(which, x.id, e.target.checked)} />
                </div>
              ))}
            </fieldset>
          ))}
        </div>
      )}
    </EditDialog>
  );
}
