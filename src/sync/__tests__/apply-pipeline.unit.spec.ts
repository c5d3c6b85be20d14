import { ApplyPipeline, paymentKey } from "../apply-pipeline"

/** A promise with its resolve function, so that a test decides when an apply finishes. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void
  const promise = new Promise<void>((resolve) => (open = resolve))
  return { promise, open }
}

const tick = () => new Promise((r) => setImmediate(r))

/** An apply whose every call waits until the test opens its gate; records what started, finished and ran at once. */
function gatedApply() {
  const gates = new Map<string, ReturnType<typeof gate>>()
  const started: string[] = []
  const finished: string[] = []
  const state = { running: 0, maxRunning: 0 }
  const apply = async (id: string) => {
    state.running++
    state.maxRunning = Math.max(state.maxRunning, state.running)
    started.push(id)
    const g = gate()
    gates.set(id, g)
    await g.promise
    finished.push(id)
    state.running--
  }
  const open = async (id: string) => {
    while (!gates.has(id)) await tick()
    gates.get(id)!.open()
    await tick()
  }
  return { apply, open, started, finished, state }
}

describe("ApplyPipeline", () => {
  it("lets the caller go on while notices are applied; one payment's notices one at a time, in the order handed in", async () => {
    const { apply, open, started, finished, state } = gatedApply()
    const pipeline = new ApplyPipeline(apply, () => undefined)
    await pipeline.add("a", "pay-1")
    await pipeline.add("b", "pay-1")
    await pipeline.add("c", "pay-1")
    // add() returned for all three although none is applied yet: the fetch can go on.
    expect(finished).toEqual([])
    await tick()
    expect(started).toEqual(["a"])

    const drained = pipeline.drain()
    for (const id of ["a", "b", "c"]) await open(id)
    await drained
    expect(finished).toEqual(["a", "b", "c"])
    expect(state.maxRunning).toBe(1)
    expect(pipeline.size).toBe(0)
  })

  it("applies notices of different payments side by side, at most `width` at a time", async () => {
    const { apply, open, started, finished, state } = gatedApply()
    const pipeline = new ApplyPipeline(apply, () => undefined, 10, 2)
    for (const [id, key] of [["a1", "A"], ["b1", "B"], ["c1", "C"], ["d1", "D"]]) await pipeline.add(id, key)
    await tick()
    // Two in flight (A and B); C and D wait for a free place.
    expect(started).toEqual(["a1", "b1"])
    await open("b1")
    expect(started).toEqual(["a1", "b1", "c1"])
    const drained = pipeline.drain()
    for (const id of ["c1", "a1", "d1"]) await open(id)
    await drained
    expect(finished).toEqual(["b1", "c1", "a1", "d1"])
    expect(state.maxRunning).toBe(2)
  })

  it("keeps each payment's order while other payments overtake a payment that waits", async () => {
    const { apply, open, started, finished } = gatedApply()
    const pipeline = new ApplyPipeline(apply, () => undefined, 10, 3)
    // a1 is slow; a2 must wait for it, b1 and b2 need not.
    for (const [id, key] of [["a1", "A"], ["a2", "A"], ["b1", "B"], ["a3", "A"], ["b2", "B"]]) await pipeline.add(id, key)
    await tick()
    expect(started).toEqual(["a1", "b1"])
    await open("b1")
    expect(started).toEqual(["a1", "b1", "b2"])
    await open("b2")
    // B is done; A's later notices still wait for a1, although places are free.
    expect(started).toEqual(["a1", "b1", "b2"])
    const drained = pipeline.drain()
    for (const id of ["a1", "a2", "a3"]) await open(id)
    await drained
    expect(finished.filter((id) => id.startsWith("a"))).toEqual(["a1", "a2", "a3"])
    expect(finished.filter((id) => id.startsWith("b"))).toEqual(["b1", "b2"])
  })

  it("applies a notice handed in without a key on its own (its own payment)", async () => {
    const { apply, open, started } = gatedApply()
    const pipeline = new ApplyPipeline(apply, () => undefined, 10, 2)
    await pipeline.add("x")
    await pipeline.add("y")
    await tick()
    expect(started).toEqual(["x", "y"])
    await open("x")
    await open("y")
    await pipeline.drain()
  })

  it("makes the caller wait once maxQueued notices are waiting or being applied", async () => {
    const first = gate()
    const applied: string[] = []
    const pipeline = new ApplyPipeline(
      async (id) => {
        if (id === "1") await first.promise
        applied.push(id)
      },
      () => undefined,
      2,
      1
    )
    await pipeline.add("1")
    await pipeline.add("2")
    let thirdAdded = false
    const third = pipeline.add("3").then(() => (thirdAdded = true))
    for (let i = 0; i < 5; i++) await tick()
    expect(thirdAdded).toBe(false)
    first.open()
    await third
    expect(applied[0]).toBe("1")
    await pipeline.drain()
    expect(applied).toEqual(["1", "2", "3"])
  })

  it("reports a failing apply and goes on with the next notices, of the same payment and of others", async () => {
    const errors: Array<[string, string]> = []
    const applied: string[] = []
    const pipeline = new ApplyPipeline(
      async (id) => {
        if (id === "bad") throw new Error("boom")
        applied.push(id)
      },
      (id, error) => errors.push([id, (error as Error).message])
    )
    await pipeline.add("x", "A")
    await pipeline.add("bad", "A")
    await pipeline.add("y", "A")
    await pipeline.add("z", "B")
    await pipeline.drain()
    expect(applied.filter((id) => id !== "z")).toEqual(["x", "y"])
    expect(applied).toContain("z")
    expect(errors).toEqual([["bad", "boom"]])
  })

  it("drain waits for every notice, also those handed in while it waits", async () => {
    const { apply, open, finished } = gatedApply()
    const pipeline = new ApplyPipeline(apply, () => undefined, 10, 2)
    await pipeline.add("a", "A")
    await pipeline.add("b", "B")
    let drainedAt: number | undefined
    const drained = pipeline.drain().then(() => (drainedAt = finished.length))
    await open("a")
    await pipeline.add("c", "A")
    await open("b")
    expect(drainedAt).toBeUndefined()
    await open("c")
    await drained
    expect(drainedAt).toBe(3)
    expect(pipeline.size).toBe(0)
  })

  it("drains at once when nothing is queued", async () => {
    const pipeline = new ApplyPipeline(async () => undefined, () => undefined)
    await expect(pipeline.drain()).resolves.toBeUndefined()
  })
})

describe("paymentKey", () => {
  it("keys a notice by its payment session, else its trading id, else Paygent's payment id, else itself", () => {
    const base = { id: "pgnt_1", payment_session_id: null, trading_id: null, paygent_payment_id: null }
    expect(paymentKey({ ...base, payment_session_id: "payses_1", trading_id: "T1", paygent_payment_id: "P1" })).toBe("session:payses_1")
    expect(paymentKey({ ...base, trading_id: "T1", paygent_payment_id: "P1" })).toBe("trading:T1")
    expect(paymentKey({ ...base, paygent_payment_id: "P1" })).toBe("payment:P1")
    expect(paymentKey(base)).toBe("notice:pgnt_1")
  })
})
