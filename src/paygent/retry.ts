/**
 * Transient refusals (docs/protocol.md §5.3: 2008 vendor timeout, 9005 / E002 busy, P017, a request that was never
 * sent) are sent again after a short back-off. An unknown outcome is sent again only when asked (`retryUnknown`):
 * right for a read-only inquiry (094), never for a telegram that moves money (that one is settled by 094 first).
 */
export interface RetryOptions {
  /** Tries in all (default 3). */
  tries?: number
  /** Waits before the second, third … try (default 250 ms, 750 ms; 1 s after that). */
  backoffMs?: number[]
  retryUnknown?: boolean
  /** Told before each new try (for the log). */
  onRetry?: (error: { class: string; response_code?: string }, nextTry: number, tries: number) => void
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function errorClass(error: unknown): string | undefined {
  return error && typeof error === "object" && typeof (error as { class?: unknown }).class === "string"
    ? (error as { class: string }).class
    : undefined
}

export async function retryTransient<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const tries = options.tries ?? 3
  const backoff = options.backoffMs ?? [250, 750]
  for (let attempt = 1; ; attempt++) {
    try {
      return await send()
    } catch (error) {
      const cls = errorClass(error)
      const again = cls === "retryable" || cls === "not_sent" || (options.retryUnknown === true && cls === "unknown_outcome")
      if (!again || attempt >= tries) {
        throw error
      }
      options.onRetry?.(error as { class: string; response_code?: string }, attempt + 1, tries)
      await sleep(backoff[attempt - 1] ?? 1000)
    }
  }
}
