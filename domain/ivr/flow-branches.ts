// Where each step of an IVR flow can lead, by branch: a menu's keys and its fallback, a check's
// outcomes, the hours' open/closed... One answer for the schema's cross-checks and the editor's
// tree (which shows and re-points each branch). No zod here: the editor's bundle takes it.
import type { IvrNode } from "./flow.ts";

export interface Branch {
  /** "key:1", "rule:0", "next", "onFail", "open", "closed", "otherwise". */
  slot: string;
  target: string;
}

export function branchesOf(node: IvrNode): Branch[] {
  switch (node.type) {
    case "menu":
      return [...Object.entries(node.options).map(([k, v]) => ({ slot: `key:${k}`, target: v })), { slot: "onFail", target: node.onFail }];
    case "collect":
      return [
        { slot: "next", target: node.next },
        { slot: "onFail", target: node.onFail },
      ];
    case "hours":
      return [
        { slot: "open", target: node.open },
        { slot: "closed", target: node.closed },
      ];
    case "caller":
      return [...node.rules.map((r, i) => ({ slot: `rule:${i}`, target: r.next })), { slot: "otherwise", target: node.otherwise }];
    case "play":
    case "language":
    case "set":
      return [{ slot: "next", target: node.next }];
    default:
      return [];
  }
}
