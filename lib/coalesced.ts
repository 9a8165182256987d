/**
 * Runs `work` one at a time. A call while it runs makes it run once more afterwards (however many
 * calls came), and so does `work` itself returning true (more to do). Used by the router, the
 * mailbox readers and the outbox, which are woken by events that may arrive in bursts.
 */
export function coalesced(work: () => Promise<boolean | void>, stopped: () => boolean = () => false): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if ((await work()) === true) again = true;
      } while (again && !stopped());
    })().finally(() => {
      running = null;
    });
    return running;
  };
}
