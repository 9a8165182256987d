// Per-request batching for fields that look something up by id (a page of recordings naming their
// queues and agents): the ids asked for while one list resolves are fetched in one query, and
// each is fetched once per request.

type Load<V> = (ids: string[]) => Promise<Map<string, V>>;

interface Loader<V> {
  cache: Map<string, Promise<V | undefined>>;
  pending: Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>;
}

const perRequest = new WeakMap<object, Map<string, Loader<unknown>>>();

/** Looks `id` up through `load`, batched with the other ids asked for in the same turn of `ctx`. */
export function loadBatched<V>(ctx: object, name: string, load: Load<V>, id: string): Promise<V | undefined> {
  let loaders = perRequest.get(ctx);
  if (!loaders) perRequest.set(ctx, (loaders = new Map()));
  let loader = loaders.get(name) as Loader<V> | undefined;
  if (!loader) loaders.set(name, (loader = { cache: new Map(), pending: new Map() }) as Loader<unknown>);
  const cached = loader.cache.get(id);
  if (cached) return cached;
  const l = loader;
  const promise = new Promise<V | undefined>((resolve, reject) => {
    // setImmediate, not a microtask: a list's items may reach their fields a few promise turns apart.
    if (l.pending.size === 0) setImmediate(() => void flush(l, load));
    const waiting = l.pending.get(id) ?? [];
    waiting.push({ resolve, reject });
    l.pending.set(id, waiting);
  });
  loader.cache.set(id, promise);
  return promise;
}

async function flush<V>(loader: Loader<V>, load: Load<V>) {
  const batch = new Map(loader.pending);
  loader.pending.clear();
  try {
    const found = await load([...batch.keys()]);
    for (const [id, waiting] of batch) for (const w of waiting) w.resolve(found.get(id));
  } catch (e) {
    for (const [id, waiting] of batch) {
      loader.cache.delete(id);
      for (const w of waiting) w.reject(e);
    }
  }
}
