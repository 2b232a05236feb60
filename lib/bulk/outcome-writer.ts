/**
 * One writer for answered Stops: answers wait in a queue and the writer takes everything that arrived while it
 * was busy (up to `maxBatch`), so under load the batches grow by themselves and an idle worker writes each
 * answer at once. `write` must not throw; whatever it cannot write it hands to recovery itself.
 */
export interface BatchWriter<T> {
  push(item: T): void;
  /** Answers queued or being written. */
  pending(): number;
}

export function createBatchWriter<T>(write: (batch: T[]) => Promise<void>, maxBatch = 500): BatchWriter<T> {
  const queue: T[] = [];
  let writing = 0;
  let running = false;

  function drain(): void {
    if (running) return;
    running = true;
    void (async () => {
      while (queue.length > 0) {
        const batch = queue.splice(0, maxBatch);
        writing = batch.length;
        await write(batch).catch(() => {});
        writing = 0;
      }
    })().finally(() => {
      running = false;
      if (queue.length > 0) drain();
    });
  }

  return {
    push(item) {
      queue.push(item);
      drain();
    },
    pending: () => queue.length + writing,
  };
}
