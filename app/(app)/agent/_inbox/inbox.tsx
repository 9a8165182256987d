"use client";
// The inbox: cases by scope (mine, unassigned, all), coloured by status, filtered (by status and
// by tags: each tag chosen narrows the list) and searched, refreshed live when any of its cases changes.
import Link from "next/link";
import { useParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useQuery, useSubscription } from "urql";
import { useRefetchOn } from "../../../_client/use-refetch-on.ts";
import { Checkbox, Input, Select } from "../../../_components/field.tsx";
import { CaseSlaFields, SlaChip } from "../../../_components/sla-chip.tsx";
import { Empty, Loading } from "../../../_components/page.tsx";
import { type ResultOf, graphql } from "../../../_client/graphql.ts";
import { useCan } from "../../../_client/me.tsx";
import { useNow } from "../../../_client/use-now.ts";
import { TagChip } from "../../../_components/tag-chip.tsx";

const InboxQuery = graphql(`
  query Inbox($scope: InboxScope!, $categories: [StatusCategory!], $search: String, $sort: InboxSort, $breached: Boolean, $tagIds: [ID!]) {
    inbox(scope: $scope, categories: $categories, search: $search, sort: $sort, breached: $breached, tagIds: $tagIds, limit: 100) {
      id
      number
      subject
      channel
      priority
      lastActivityAt
      lastMessage
      sla {
        ...CaseSlaFields
      }
      status {
        id
        name
        color
        category
      }
      assignee {
        id
        name
      }
      tagIds
      contact {
        id
        firstName
        lastName
        vip
      }
      claimedContact {
        firstName
        lastName
      }
      interactions {
        id
        state
      }
    }
  }
`,
  [CaseSlaFields],
);
const InboxTags = graphql(`
  query InboxTags {
    tags(includeArchived: true) {
      id
      name
      color
      active
    }
  }
`);
const InboxChanged = graphql(`
  subscription InboxChanged {
    inboxChanged {
      caseId
    }
  }
`);

type Scope = "MINE" | "UNASSIGNED" | "ALL";
const OPEN = ["NEW", "OPEN", "PENDING"] as const;

export function Inbox() {
  const t = useTranslations("inbox");
  const can = useCan();
  const [scope, setScope] = useState<Scope>("MINE");
  const [filter, setFilter] = useState<"open" | "all">("open");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<"ACTIVITY" | "DUE_SOONEST">("ACTIVITY");
  const [breached, setBreached] = useState(false);
  const [tagIds, setTagIds] = useState<string[]>([]);
  // The organisation's tags, archived ones too (their cases still carry them): the rows' chips and the filter.
  const [{ data: tagData }, refetchTags] = useQuery({ query: InboxTags });
  const tags = new Map((tagData?.tags ?? []).map((x) => [x.id, x]));
  const [{ data, fetching }, refetch] = useQuery({
    query: InboxQuery,
    variables: {
      scope,
      categories: filter === "open" ? [...OPEN] : null,
      search: search || null,
      sort,
      breached: breached || null,
      tagIds: tagIds.length ? tagIds : null,
    },
  });
  useLiveRefetch(() => {
    refetch({ requestPolicy: "network-only" });
    // A tag made since the page opened may be on a case now.
    refetchTags({ requestPolicy: "network-only" });
  });
  const params = useParams<{ id?: string }>();
  const scopes: Scope[] = can("cases.read_all") || can("agents.work") ? ["MINE", "UNASSIGNED", "ALL"] : ["ALL"];

  return (
    <aside className="flex max-h-[calc(100vh-7rem)] flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200" aria-label={t("title")}>
      <div className="space-y-2 border-b border-slate-100 p-3">
        <div className="flex gap-1" role="tablist">
          {scopes.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={scope === s}
              onClick={() => setScope(s)}
              className="flex-1 rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 aria-selected:bg-brand-50 aria-selected:text-brand-700"
            >
              {t(`scope.${s}`)}
            </button>
          ))}
        </div>
        <div className="flex gap-2">
          <Input
            type="search"
            placeholder={t("search")}
            aria-label={t("search")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="py-1.5"
          />
          <Select value={filter} onChange={(e) => setFilter(e.target.value as "open" | "all")} aria-label={t("filter")} className="w-32 py-1.5">
            <option value="open">{t("openOnly")}</option>
            <option value="all">{t("allStatuses")}</option>
          </Select>
        </div>
        <div className="flex items-center gap-2">
          <Select
            value={sort}
            onChange={(e) => setSort(e.target.value as typeof sort)}
            aria-label={t("sort")}
            className="w-auto flex-1 py-1 text-xs"
            data-testid="inbox-sort"
          >
            <option value="ACTIVITY">{t("sortActivity")}</option>
            <option value="DUE_SOONEST">{t("sortDue")}</option>
          </Select>
          <Checkbox label={t("breachedOnly")} checked={breached} onChange={(e) => setBreached(e.target.checked)} />
        </div>
        <TagFilter tags={tags} chosen={tagIds} onChange={setTagIds} />
      </div>
      <div className="flex-1 overflow-y-auto">
        {!data && fetching ? (
          <Loading label={t("loading")} />
        ) : !data?.inbox.length ? (
          <Empty>{t(`empty.${scope}`)}</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.inbox.map((c) => (
              <CaseRow key={c.id} c={c} tags={tags} selected={params?.id === c.id} />
            ))}
          </ul>
        )}
      </div>
    </aside>
  );
}

type InboxCase = ResultOf<typeof InboxQuery>["inbox"][number];
type InboxTag = ResultOf<typeof InboxTags>["tags"][number];

function CaseRow({ c, tags, selected }: { c: InboxCase; tags: Map<string, InboxTag>; selected: boolean }) {
  const t = useTranslations("inbox");
  const format = useFormatter();
  const now = useNow(30_000);
  const live = c.interactions.some((i) => i.state === "ACTIVE" || i.state === "QUEUED");
  const claimed = c.claimedContact && `${c.claimedContact.firstName} ${c.claimedContact.lastName}`.trim();
  const who = c.contact ? `${c.contact.firstName} ${c.contact.lastName}`.trim() : claimed ? t("unverifiedContact", { name: claimed }) : t("unknownContact");
  return (
    <li>
      <Link
        href={`/agent/cases/${c.id}`}
        aria-current={selected ? "page" : undefined}
        data-testid={`case-${c.number}`}
        data-shortcut="case"
        className="block border-l-4 px-3 py-2.5 hover:bg-slate-50 aria-[current=page]:bg-brand-50"
        style={{ borderLeftColor: c.status.color }}
      >
        <div className="flex items-center justify-between gap-2">
          <span className="truncate text-sm font-medium text-slate-900">
            {c.contact?.vip && <span className="mr-1 rounded bg-amber-100 px-1 text-xs text-amber-800">VIP</span>}
            {who}
          </span>
          <span className="shrink-0 text-xs text-slate-500">{format.relativeTime(Math.min(new Date(c.lastActivityAt).getTime(), now), now)}</span>
        </div>
        <p className="truncate text-xs text-slate-600">
          #{c.number} · {c.subject || t("noSubject")}
        </p>
        <div className="mt-1 flex items-center gap-2 text-xs">
          <span className="rounded-full px-2 py-0.5 font-medium text-white" style={{ background: c.status.color }}>
            {c.status.name}
          </span>
          {live && (
            <span className="inline-flex items-center gap-1 text-emerald-700">
              <span className="size-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden />
              {t("live")}
            </span>
          )}
          <SlaChip sla={c.sla} category={c.status.category} tick={5000} />
          <span className="ml-auto truncate text-slate-500">{c.assignee?.name ?? t("unassigned")}</span>
        </div>
        {c.tagIds.length > 0 && (
          <div className="mt-1 flex flex-wrap gap-1" aria-label={t("tags")}>
            {c.tagIds.map((id) => {
              const tag = tags.get(id);
              return tag ? <TagChip key={id} tag={tag} /> : null;
            })}
          </div>
        )}
        {c.lastMessage && <p className="mt-1 line-clamp-1 text-xs text-slate-500">{c.lastMessage}</p>}
      </Link>
    </li>
  );
}

/** Tags to narrow the list by (archived ones too: their cases still carry them); each chosen one is a chip with ×. */
function TagFilter({ tags: byId, chosen, onChange }: { tags: Map<string, InboxTag>; chosen: string[]; onChange: (ids: string[]) => void }) {
  const t = useTranslations("inbox");
  const tags = [...byId.values()];
  if (!tags.length) return null;
  const offered = tags.filter((x) => !chosen.includes(x.id));
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="tag-filter">
      {chosen.map((id) => {
        const tag = byId.get(id);
        return tag ? <TagChip key={id} tag={tag} onRemove={() => onChange(chosen.filter((x) => x !== id))} removeLabel={t("removeTagFilter", { name: tag.name })} /> : null;
      })}
      {offered.length > 0 && (
        <select
          value=""
          onChange={(e) => e.target.value && onChange([...chosen, e.target.value])}
          aria-label={t("tagFilter")}
          className="rounded-full border-0 py-0.5 pr-7 pl-2 text-xs text-slate-600 ring-1 ring-slate-300 ring-inset"
        >
          <option value="">{t("tagFilter")}</option>
          {offered.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** Refetch when a case changes, at most every 500 ms (a burst of messages is one refetch). */
function useLiveRefetch(refetch: () => void) {
  const [{ data }] = useSubscription({ query: InboxChanged });
  useRefetchOn(data, refetch, 500);
}
