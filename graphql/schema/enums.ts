import { AGENT_STATES, STATE_SOURCES } from "../../domain/agents/agent-state.ts";
import { STATUS_CATEGORIES } from "../../domain/cases/default-process.ts";
import { CHANNELS } from "../../domain/queues/save-queue.ts";
import { LOCALES } from "../../domain/shared/locale.ts";
import { builder } from "../builder.ts";

export const LocaleEnum = builder.enumType("Locale", { values: LOCALES });
export const AgentStateEnum = builder.enumType("AgentState", { values: AGENT_STATES });
export const StateSourceEnum = builder.enumType("StateChangeSource", { values: STATE_SOURCES });
export const ChannelEnum = builder.enumType("Channel", { values: CHANNELS });
export const StatusCategoryEnum = builder.enumType("StatusCategory", { values: STATUS_CATEGORIES });
export const MessageKindEnum = builder.enumType("MessageKind", { values: ["MESSAGE", "NOTE"] as const });
export const AuthorTypeEnum = builder.enumType("AuthorType", { values: ["CONTACT", "AGENT", "SYSTEM"] as const });
export const InteractionStateEnum = builder.enumType("InteractionState", { values: ["QUEUED", "ACTIVE", "ENDED", "ABANDONED", "LEFT_MESSAGE"] as const });
export const RoutingStrategyEnum = builder.enumType("RoutingStrategy", { values: ["LONGEST_IDLE", "LEAST_BUSY", "SKILLS", "ROUND_ROBIN"] as const });
export const DirectionEnum = builder.enumType("Direction", { values: ["INBOUND", "OUTBOUND"] as const });
export const IdentityKindEnum = builder.enumType("ContactIdentityKind", { values: ["PHONE", "EMAIL", "EXTERNAL_ID"] as const });
