// The campaign enums every campaign slice of the API shares (admin, monitor, the agent's desk).
import { CampaignOutcome } from "../../generated/prisma/enums.ts";
import { CAMPAIGN_MODES } from "../../domain/campaigns/campaign-settings.ts";
import { builder } from "../builder.ts";

export const CampaignModeEnum = builder.enumType("CampaignMode", { values: CAMPAIGN_MODES });
export const CampaignStatusEnum = builder.enumType("CampaignStatus", { values: ["DRAFT", "RUNNING", "PAUSED", "STOPPED", "COMPLETED"] as const });
export const CampaignOutcomeEnum = builder.enumType("CampaignOutcome", {
  description: "What a campaign's call came to (domain/campaigns/attempt-rules.ts).",
  values: Object.values(CampaignOutcome),
});
