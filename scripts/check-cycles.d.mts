// Types for check-cycles.mjs (plain JavaScript so ESLint's config can load it without a build step).
export const ROOT: string;
export const FOLDERS: string[];
export function importGraph(root?: string, folders?: string[]): Map<string, string[]>;
export function findCycles(root?: string, folders?: string[]): { files: string[]; ringOf: Record<string, string[]> }[];
export function findSliceCycles(root?: string): { slices: string[]; edges: [string, string[]][] }[];
