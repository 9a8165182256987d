// The channels work can arrive by today. SMS and fax exist in the data model but nothing can set
// them up yet (no gateway), so set-up screens offer only these (a queue that already has one keeps it).
export const WORKING_CHANNELS: readonly string[] = ["VOICE", "CHAT", "EMAIL"];
