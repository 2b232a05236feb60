/**
 * The worker's idle wait: a nap that ends early when a lane finishes or a job is created, so the loop claims the
 * next batch at once instead of at the next poll.
 */
export function createNapper(): { nap: (ms: number) => Promise<void>; wake: () => void } {
  let wakeUp: (() => void) | undefined;
  return {
    nap(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          resolve();
        }
        wakeUp = done;
      });
    },
    wake() {
      wakeUp?.();
    },
  };
}
