// Templates with variables, for automatic acknowledgements now and agents' templates and
// signatures next: {first_name}, {last_name}, {full_name}, {case_number}, {subject}, {agent_name},
// {queue_name} and any custom contact field as {contact.<field>}. A variable with no value becomes
// empty; an unknown one stays as written, so a typo shows instead of vanishing.

export type TemplateValues = {
  firstName?: string;
  lastName?: string;
  caseNumber?: number;
  subject?: string;
  agentName?: string;
  queueName?: string;
  contactFields?: Record<string, unknown>;
};

export function renderTemplate(template: string, v: TemplateValues): string {
  const known: Record<string, string> = {
    first_name: v.firstName ?? "",
    last_name: v.lastName ?? "",
    full_name: [v.firstName, v.lastName].filter(Boolean).join(" "),
    case_number: v.caseNumber === undefined ? "" : String(v.caseNumber),
    subject: v.subject ?? "",
    agent_name: v.agentName ?? "",
    queue_name: v.queueName ?? "",
  };
  return template.replace(/\{([a-z_]+(?:\.[A-Za-z0-9_-]+)?)\}/g, (whole, name: string) => {
    if (name.startsWith("contact.")) {
      const value = v.contactFields?.[name.slice("contact.".length)];
      return value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    return name in known ? known[name] : whole;
  });
}
