import { retryTransient } from "../retry"

function failing(classes: string[], answer = "ok") {
  const calls: number[] = []
  const send = async () => {
    calls.push(calls.length + 1)
    const cls = classes.shift()
    if (cls) {
      throw Object.assign(new Error(cls), { class: cls, response_code: cls === "retryable" ? "2008" : "" })
    }
    return answer
  }
  return { send, calls }
}

describe("retryTransient", () => {
  it("sends again after transient refusals, three tries in all, and tells each retry", async () => {
    const { send, calls } = failing(["retryable", "not_sent"])
    const retries: number[] = []
    await expect(retryTransient(send, { backoffMs: [0, 0], onRetry: (_e, next) => retries.push(next) })).resolves.toBe("ok")
    expect(calls).toHaveLength(3)
    expect(retries).toEqual([2, 3])
    const stubborn = failing(["retryable", "retryable", "retryable", "retryable"])
    await expect(retryTransient(stubborn.send, { backoffMs: [0, 0] })).rejects.toThrow("retryable")
    expect(stubborn.calls).toHaveLength(3)
  })

  it("sends an unknown outcome again only when asked (a read-only inquiry), and never a refusal", async () => {
    const money = failing(["unknown_outcome"])
    await expect(retryTransient(money.send, { backoffMs: [0] })).rejects.toThrow("unknown_outcome")
    expect(money.calls).toHaveLength(1)
    const inquiry = failing(["unknown_outcome"])
    await expect(retryTransient(inquiry.send, { backoffMs: [0], retryUnknown: true })).resolves.toBe("ok")
    expect(inquiry.calls).toHaveLength(2)
    const refused = failing(["status_conflict"])
    await expect(retryTransient(refused.send, { backoffMs: [0] })).rejects.toThrow("status_conflict")
    expect(refused.calls).toHaveLength(1)
  })
})
