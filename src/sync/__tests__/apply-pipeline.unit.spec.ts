import { ApplyPipeline } from "../apply-pipeline"

/** A promise with its resolve function, so that a test decides when an apply finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

describe("ApplyPipeline", () => {
  it("lets the caller go on while a notice is applied, and applies in the order handed in, one at a time", async () => {
    const gates = new Map<string, ReturnType<typeof gate>>()
    const started: string[] = []
    const finished: string[] = []
    let running = 0
    let maxRunning = 0
    const pipeline = new ApplyPipeline(
      async (id) => {
        running++
        maxRunning = Math.max(maxRunning, running)
        started.push(id)
        gates.set(id, gate())
        await gates.get(id)!.promise
        finished.push(id)
        running--
      },
      () => undefined
    )
    await pipeline.add("a")
    await pipeline.add("b")
    await pipeline.add("c")
    // add() returned for all three although none is applied yet: the fetch can go on.
    expect(finished).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual(["a"])

    const drained = pipeline.drain()
    for (const id of ["a", "b", "c"]) {
      while (!gates.has(id)) await new Promise((r) => setImmediate(r))
      gates.get(id)!.open()
    }
    await drained
    expect(finished).toEqual(["a", "b", "c"])
    expect(maxRunning).toBe(1)
    expect(pipeline.size).toBe(0)
  })

  it("makes the caller wait once maxQueued notices are waiting", async () => {
    const first = gate()
    const applied: string[] = []
    const pipeline = new ApplyPipeline(
      async (id) => {
        if (id === "1") await first.promise
        applied.push(id)
      },
      () => undefined,
      2
    )
    await pipeline.add("1")
    await pipeline.add("2")
    let thirdAdded = false
    const third = pipeline.add("3").then(() => (thirdAdded = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(thirdAdded).toBe(false)
    first.open()
    await third
    expect(applied[0]).toBe("1")
    await pipeline.drain()
    expect(applied).toEqual(["1", "2", "3"])
  })

  it("reports a failing apply and goes on with the next notices", async () => {
    const errors: Array<[string, string]> = []
    const applied: string[] = []
    const pipeline = new ApplyPipeline(
      async (id) => {
        if (id === "bad") throw new Error("boom")
        applied.push(id)
      },
      (id, error) => errors.push([id, (error as Error).message])
    )
    await pipeline.add("x")
    await pipeline.add("bad")
    await pipeline.add("y")
    await pipeline.drain()
    expect(applied).toEqual(["x", "y"])
    expect(errors).toEqual([["bad", "boom"]])
  })

  it("drains at once when nothing is queued", async () => {
    const pipeline = new ApplyPipeline(async () => undefined, () => undefined)
    await expect(pipeline.drain()).resolves.toBeUndefined()
  })
})
