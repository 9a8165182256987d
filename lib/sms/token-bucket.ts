// Pacing to a contracted rate: `wait(now)` says how long to wait before the next send and counts
// that send. Pacing first keeps an SMSC from refusing with "throttled" at all; backing off on its
// refusals stays only as the fallback.
export function tokenBucket(ratePerSecond: number, burst = Math.max(1, Math.ceil(ratePerSecond / 10))) {
  let tokens = burst;
  let at = -Infinity;
  return {
    /** Milliseconds until this send may go (0: now); the send is counted either way. */
    wait(now: number): number {
      tokens = Math.min(burst, tokens + ((now - at) / 1000) * ratePerSecond);
      at = now;
      tokens -= 1;
      return tokens >= 0 ? 0 : Math.ceil((-tokens / ratePerSecond) * 1000);
    },
  };
}
