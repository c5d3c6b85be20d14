/**
 * Runs `work` for every item with at most `limit` running at once; results keep the items' order. A rejected item
 * rejects the whole call only if `work` throws (callers catch per item).
 */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const lanes = Math.max(1, Math.min(Math.floor(limit) || 1, items.length))
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (;;) {
        const index = next++
        if (index >= items.length) {
          return
        }
        results[index] = await work(items[index], index)
      }
    })
  )
  return results
}
