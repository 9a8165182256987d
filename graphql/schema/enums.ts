import { AGENT_STATES, STATE_SOURCES } from "../../domain/agents/agent-state.ts";
import { CHANNELS } from "../../domain/queues/save-queue.ts";
import { LOCALES } from "../../domain/shared/locale.ts";
import { builder } from "../builder.ts";

export const LocaleEnum = builder.enumType("Locale", { values: LOCALES });
export const AgentStateEnum = builder.enumType("AgentState", { values: AGENT_STATES });
export const StateSourceEnum = builder.enumType("StateChangeSource", { values: STATE_SOURCES });
export const ChannelEnum = builder.enumType("Channel", { values: CHANNELS });
