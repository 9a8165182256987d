// The permission catalogue. A role is a set of these; GraphQL fields and use-cases check them.
// Add a permission here together with the code that enforces it.
/** What a role may grant: powers within one organisation. */
export const PERMISSIONS = [
  "users.read",
  "users.manage",
  "roles.manage",
  "teams.manage",
  "queues.manage",
  "pause_codes.manage",
  "agents.work",
  "agents.monitor_team",
  "agents.monitor_all",
  "agents.control",
  "audit.read",
  "contacts.read",
  "contacts.manage",
  "cases.read_all",
  "cases.manage",
  "cases.configure",
  "entry_points.manage",
  "canned_replies.manage",
  "recordings.listen",
  /** SIP trunks, their numbers (DIDs) and the rules for calls out. */
  "telephony.manage",
  /** Calling customers' and other outside numbers (within the organisation's rules). */
  "calls.dial_out",
  /** Adding and removing blocked numbers. */
  "blocklist.manage",
  /** Blocking a caller (not unblocking, nor changing another's block): agents facing abuse. */
  "blocklist.add",
  /** Reports over the organisation's calls and flows (IVR paths, abandonment). */
  "reports.read",
  /** Read-only wall-board links for TVs: creating, naming and revoking them. */
  "wallboard.manage",
  /** Alarms on queues' figures and trunks, and who is told of them. */
  "alarms.manage",
  /** Call scripts (CATI): writing, publishing and deleting them. Agents read published ones. */
  "scripts.manage",
  /** Outbound campaigns: contact lists and the do-not-call list. */
  "campaigns.manage",
] as const;
export type RolePermission = (typeof PERMISSIONS)[number];

/**
 * Powers over the whole installation, across organisations (its background jobs). No role grants
 * them, since every organisation's admins edit their own roles: a user holds them by being an
 * operator (User.isOperator: the first admin seeded, and the users named in OPERATORS).
 */
export const OPERATOR_PERMISSIONS = ["system.jobs"] as const;
export type Permission = RolePermission | (typeof OPERATOR_PERMISSIONS)[number];

export const BUILT_IN_ROLES = ["ADMIN", "MANAGER", "SUPERVISOR", "AGENT"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** What each built-in role starts with; admins may change it afterwards. */
export const DEFAULT_ROLE_PERMISSIONS: Record<BuiltInRole, RolePermission[]> = {
  // Administrators run the system; they take no calls unless given agents.work.
  ADMIN: PERMISSIONS.filter((p) => p !== "agents.work"),
  MANAGER: [
    "users.read",
    "teams.manage",
    "queues.manage",
    "pause_codes.manage",
    "agents.monitor_all",
    "agents.control",
    "audit.read",
    "contacts.read",
    "recordings.listen",
    "blocklist.manage",
    "reports.read",
    "wallboard.manage",
    "alarms.manage",
    "scripts.manage",
  ],
  SUPERVISOR: [
    "reports.read",
    "users.read",
    "agents.work",
    "agents.monitor_team",
    "agents.control",
    "contacts.read",
    "recordings.listen",
    "calls.dial_out",
    "blocklist.manage",
    "alarms.manage",
    "campaigns.manage",
  ],
  AGENT: ["agents.work", "contacts.read", "calls.dial_out", "blocklist.add"],
};

export function isPermission(value: string): value is RolePermission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * A role's permissions, plus the operator's for an operator. Unknown strings (a permission removed
 * from the catalogue, or an operator's written into a role) are dropped, never granted.
 */
export function toPermissionSet(values: readonly string[], operator = false): ReadonlySet<Permission> {
  const set = new Set<Permission>(values.filter(isPermission));
  if (operator) for (const p of OPERATOR_PERMISSIONS) set.add(p);
  return set;
}

/** Permissions without which nobody could administer the organisation any more. */
export const ADMINISTRATION_PERMISSIONS: RolePermission[] = ["users.manage", "roles.manage"];
