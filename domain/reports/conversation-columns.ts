// The Chat and e-mail report's table columns, in order: the figure each shows, how it reads and
// which conversations its cell lists. The screen, the CSV and the XLSX use this one list; their
// words are messages' reports.conversations.column.<key>.
import type { ConversationFigure } from "./conversation-report-list.ts";
import type { ConversationFigures } from "./conversation-report.ts";
import type { ColumnKind } from "./queue-columns.ts";

export interface ConversationColumn {
  key: Exclude<keyof ConversationFigures, "ratings">;
  kind: ColumnKind;
  drill: ConversationFigure;
}

export const CONVERSATION_COLUMNS: ConversationColumn[] = [
  { key: "conversations", kind: "count", drill: "CONVERSATIONS" },
  { key: "answered", kind: "count", drill: "ANSWERED" },
  { key: "firstResponseAvg", kind: "duration", drill: "RESPONDED" },
  { key: "firstResponseMax", kind: "duration", drill: "RESPONDED" },
  { key: "firstResponseInTarget", kind: "percent", drill: "LATE_RESPONSE" },
  { key: "handlingAvg", kind: "duration", drill: "ANSWERED" },
  { key: "handlingTotal", kind: "duration", drill: "ANSWERED" },
  { key: "resolved", kind: "count", drill: "RESOLVED" },
  { key: "resolutionAvg", kind: "duration", drill: "RESOLVED" },
  { key: "messagesPerConversation", kind: "ratio", drill: "CONVERSATIONS" },
  { key: "rated", kind: "count", drill: "RATED" },
  { key: "ratingAvg", kind: "ratio", drill: "RATED" },
];
