/**
 * Waits `ms` real milliseconds; no timer at all for 0 (latency is 0 in most tests). The timer is unref'd: a reply
 * still pending when the simulator is closed must not keep the process alive.
 */
export function delay(ms: number): Promise<void> {
  if (!(ms > 0)) return Promise.resolve()
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
