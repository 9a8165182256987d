// The wall-board as the screens get it: from GraphQL (`wallboard`) on staff screens, from the TV
// link's feed on a TV — the same shape, dates as ISO strings (domain/wallboard/read-wallboard.ts).
export interface QueueTileData {
  queueId: string;
  name: string;
  waiting: number;
  longestWaitingSince: string | null;
  agentsReady: number;
  agentsBusy: number;
  agentsWrapUp: number;
  agentsPaused: number;
  agentsSignedIn: number;
  serviceLevelSeconds: number;
  serviceLevelPercent: number;
  today: {
    offered: number;
    answered: number;
    answeredInTarget: number;
    abandoned: number;
    shortAbandoned: number;
    overflowed: number;
    serviceLevel: number | null;
    abandonRate: number | null;
    asaSeconds: number | null;
    ahtSeconds: number | null;
  };
  settings: unknown;
}

export interface AgentTileData {
  userId: string;
  name: string;
  state: "READY" | "WRAP_UP" | "PAUSE" | "BREAK" | "AWAY" | "OFFLINE";
  since: string;
  pauseReason: unknown;
  current: { channel: string; customer: string; number: string; queueName: string; since: string } | null;
  handledToday: number;
  lastTaken: { at: string; queueName: string } | null;
}

export interface AlarmData {
  id: string;
  name: string;
  kind: string;
  threshold: number;
  subjectName: string;
  raisedAt: string;
  lastValue: number;
  peakValue: number;
}

export interface BoardData {
  organizationName: string;
  timezone: string;
  dayStart: string;
  queues: QueueTileData[];
  agents: AgentTileData[];
  alarms: AlarmData[];
}
