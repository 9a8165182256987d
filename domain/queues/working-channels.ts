// The channels work can arrive by today. Fax exists in the data model but nothing can set it up
// yet (no modem), so set-up screens offer only these (a queue that already has it keeps it).
export const WORKING_CHANNELS: readonly string[] = ["VOICE", "CHAT", "EMAIL", "SMS"];
