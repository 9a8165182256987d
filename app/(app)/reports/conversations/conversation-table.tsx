"use client";
// The Chat and e-mail report's tables: DrillTable over its column list, in its words.
import { useTranslations } from "next-intl";
import { CONVERSATION_COLUMNS, type ConversationColumn } from "../../../../domain/reports/conversation-columns.ts";
import { type DrillRow, DrillTable } from "../drill-table.tsx";

type Key = ConversationColumn["key"];
export type ConversationRow = DrillRow<
  Key,
  /** What the row narrows the list to: a queue, an agent (none: nobody's) or a channel. */
  { rowQueueId?: string; rowAgentId?: string; rowAgentNone?: boolean; rowChannel?: "CHAT" | "CHAT_WEB" | "EMAIL" | "EMAIL_WEB" }
>;

export function ConversationTable(props: {
  title: string;
  firstColumn: string;
  rows: ConversationRow[];
  total?: ConversationRow;
  onDrill: (title: string, r: ConversationRow, figure: ConversationColumn["drill"]) => void;
  testId: string;
}) {
  const t = useTranslations("reports.conversations");
  return (
    <DrillTable
      {...props}
      columns={CONVERSATION_COLUMNS}
      words={{ column: (k: Key) => t(`column.${k}`), hint: (k: Key) => t(`hint.${k}`), drillTitle: (figure, row) => t("drillTitle", { figure, row }) }}
    />
  );
}
