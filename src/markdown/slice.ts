/**
 * The main-thread budget that deferred rendering work shares: finished markdown texts (the
 * `markdown()` directive) and syntax highlighting ({@link ./highlight.ts}). Work of one task, or
 * of one animation frame, runs while the slice of that task or frame has time left; the rest
 * waits for the next frame. So restoring a long conversation, or highlighting many code blocks,
 * never makes one long task.
 */

/**
 * Main-thread time that deferred renders may take in one task or frame, all together (about one
 * 60 Hz frame, well under the 50 ms of a long task).
 */
export const SLICE_MS = 16;

/** The current slice: its key (one task, or one animation frame) and start. */
let slice: {key: unknown; start: number} = {key: undefined, start: 0};
/** The key of the current task, until a timer task after it clears it. */
let taskKey: object | undefined;

/**
 * Whether deferred work may run now: the slice of `key` (by default the current task; a frame
 * callback passes its `time`, which all callbacks of one frame share) has time left. The first
 * call of a slice always answers yes, so every frame makes progress.
 */
export function sliceOpen(key: unknown = currentTask()): boolean {
  const now = performance.now();
  if (key !== slice.key) slice = {key, start: now};
  return now - slice.start < SLICE_MS;
}

/** A key of the task running now (the same object until a timer task after it clears it). */
export function currentTask(): object {
  if (!taskKey) {
    taskKey = {};
    setTimeout(() => (taskKey = undefined), 0);
  }
  return taskKey;
}
