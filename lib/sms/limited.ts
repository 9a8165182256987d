/** Runs at most `n` of the given tasks at once, the others in the order they came. */
export function limited(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function <T>(task: () => Promise<T>): Promise<T> {
    // A finished task hands its slot straight to the next one waiting.
    if (running >= n) await new Promise<void>((r) => waiting.push(r));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
