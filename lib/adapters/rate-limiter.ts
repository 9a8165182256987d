import type { RateLimiter } from "../../domain/ports.ts";

/**
 * Token buckets in this process's memory: cheap and enough against one visitor flooding a chat.
 * (Each node counts on its own; sign-in limits, which must hold cluster-wide, live in the database.)
 */
export function memoryRateLimiter(now: () => number = Date.now, maxKeys = 100_000): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, perMinute) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: perMinute, at: t };
      b.tokens = Math.min(perMinute, b.tokens + ((t - b.at) / 60_000) * perMinute);
      b.at = t;
      if (buckets.size >= maxKeys && !buckets.has(key)) buckets.clear();
      buckets.set(key, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
