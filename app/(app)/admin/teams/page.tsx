"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Button } from "../../../_components/button.tsx";
import { Dialog } from "../../../_components/dialog.tsx";
import { Field, Input } from "../../../_components/field.tsx";
import { MemberPicker } from "../../../_components/member-picker.tsx";
import { Notice } from "../../../_components/notice.tsx";
import { Td } from "../../../_components/table.tsx";
import { type ApiError, apiError, fieldIssues } from "../../../_client/errors.ts";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useErrorText } from "../../../_client/use-error-text.ts";
import { AdminList } from "../admin-list.tsx";

// Refetch after any Team change, even while the list is empty (urql sees typenames only in results).
const REFRESH_ON = { additionalTypenames: ["Team"] };

const TeamsQuery = graphql(`
  query AdminTeams {
    teams {
      id
      name
      description
      members {
        lead
        user {
          id
          name
          username
        }
      }
    }
    users {
      id
      name
      username
    }
  }
`);
const SaveTeam = graphql(`
  mutation SaveTeam($id: ID, $input: TeamInput!) {
    saveTeam(id: $id, input: $input) {
      id
    }
  }
`);
const DeleteTeam = graphql(`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`);

type Team = ResultOf<typeof TeamsQuery>["teams"][number];

export default function TeamsPage() {
  const t = useTranslations("admin.teams");
  const can = useCan();
  const [{ data }] = useQuery({ query: TeamsQuery, context: REFRESH_ON, pause: !can("teams.manage") });
  return (
    <AdminList
      namespace="teams"
      allowed={can("teams.manage")}
      items={data?.teams}
      head={[t("name"), t("leads"), t("members"), ""]}
      renderRow={(team, edit) => (
        <tr key={team.id}>
          <Td>
            <span className="font-medium">{team.name}</span>
            {team.description && <span className="block text-xs text-slate-500">{team.description}</span>}
          </Td>
          <Td>
            {team.members
              .filter((m) => m.lead)
              .map((m) => m.user.name)
              .join(", ") || "—"}
          </Td>
          <Td>{team.members.length}</Td>
          <Td className="text-right">
            <Button size="sm" variant="ghost" onClick={edit}>
              {t("edit")}
            </Button>
          </Td>
        </tr>
      )}
      renderDialog={(team, close) => <TeamDialog team={team} people={data?.users ?? []} onClose={close} />}
    />
  );
}

function TeamDialog({ team, people, onClose }: { team: Team | null; people: { id: string; name: string; username: string }[]; onClose: () => void }) {
  const t = useTranslations("admin.teams");
  const tc = useTranslations("common");
  const errors = useErrorText();
  const [name, setName] = useState(team?.name ?? "");
  const [description, setDescription] = useState(team?.description ?? "");
  const [members, setMembers] = useState(new Map(team?.members.map((m) => [m.user.id, m.lead]) ?? []));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, save] = useMutation(SaveTeam);
  const [, remove] = useMutation(DeleteTeam);
  const done = (err: ApiError | null) => (setError(err), !err && onClose());

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await save({ id: team?.id ?? null, input: { name, description, members: [...members].map(([userId, lead]) => ({ userId, lead })) } });
    done(apiError(r.error));
  }

  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={team ? t("editTitle", { name: team.name }) : t("new")}
      footer={
        <>
          {team && (
            <Button variant="danger" className="mr-auto" onClick={async () => done(apiError((await remove({ id: team.id })).error))}>
              {tc("delete")}
            </Button>
          )}
          <Button onClick={onClose}>{tc("cancel")}</Button>
          <Button variant="primary" type="submit" form="team-form" busy={saving.fetching}>
            {tc("save")}
          </Button>
        </>
      }
    >
      <form id="team-form" onSubmit={submit} className="space-y-4" noValidate>
        {error && <Notice tone="error">{errors.message(error)}</Notice>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="team-name" error={errors.field(fieldIssues(error).name, "name")}>
            <Input id="team-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t("teamDescription")} htmlFor="team-desc">
            <Input id="team-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
        </div>
        <MemberPicker
          people={people}
          members={members}
          onChange={setMembers}
          defaultSetting={false}
          settingLabel={t("lead")}
          renderSetting={(lead, set, p) => (
            <label className="inline-flex items-center gap-2 text-xs text-slate-600">
              <input
                type="checkbox"
                checked={lead}
                onChange={(e) => set(e.target.checked)}
                className="size-4 rounded border-slate-300"
                aria-label={t("leadOf", { name: p.name })}
              />
              {t("leadHint")}
            </label>
          )}
        />
      </form>
    </Dialog>
  );
}
