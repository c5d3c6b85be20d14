import { createMedusaContainer, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { asValue } from "@medusajs/framework/awilix"
import { acquirePaygentLocksStep, type AcquirePaygentLocksInput } from "../acquire-paygent-locks"

/** A locking service as Medusa's providers behave: a key held by another owner is refused at once. */
class FakeLocking {
  held = new Map<string, string>()
  taken: string[] = []
  async acquire(key: string, { ownerId }: { ownerId: string }) {
    const owner = this.held.get(key)
    if (owner && owner !== ownerId) {
      throw new Error(`Failed to acquire lock for key "${key}"`)
    }
    this.held.set(key, ownerId)
    this.taken.push(key)
  }
  async release(keys: string | string[], { ownerId }: { ownerId: string }) {
    for (const key of Array.isArray(keys) ? keys : [keys]) {
      if (this.held.get(key) === ownerId) this.held.delete(key)
    }
    return true
  }
}

function containerWith(locking: FakeLocking) {
  const container = createMedusaContainer()
  container.register(Modules.LOCKING, asValue(locking))
  return container
}

let n = 0
function lockingWorkflow(fail = false) {
  const failStep = createStep(`paygent-test-fail-${++n}`, async () => {
    if (fail) throw new Error("later step failed")
    return new StepResponse(true)
  })
  return createWorkflow(`paygent-test-locks-${n}`, (input: AcquirePaygentLocksInput) => {
    acquirePaygentLocksStep(input)
    return new WorkflowResponse(failStep())
  })
}

describe("acquirePaygentLocksStep", () => {
  it("takes the keys one at a time in sorted order, waiting for a busy one", async () => {
    const locking = new FakeLocking()
    locking.held.set("paygent:b", "someone-else")
    setTimeout(() => locking.held.delete("paygent:b"), 500)
    const { result } = await lockingWorkflow()(containerWith(locking)).run({
      input: { key: ["paygent:b", "paygent:a", "paygent:b"], ownerId: "me", timeout: 5, ttl: 60 },
    })
    expect(result).toBe(true)
    expect(locking.taken).toEqual(["paygent:a", "paygent:b"])
    expect([...locking.held.entries()]).toEqual([
      ["paygent:a", "me"],
      ["paygent:b", "me"],
    ])
  })

  it("gives back what it took when a key stays busy past the timeout", async () => {
    const locking = new FakeLocking()
    locking.held.set("paygent:b", "someone-else")
    const { errors } = await lockingWorkflow()(containerWith(locking)).run({
      input: { key: ["paygent:b", "paygent:a"], ownerId: "me", timeout: 1, ttl: 60 },
      throwOnError: false,
    })
    expect(String(errors[0]?.error?.message)).toContain('Failed to acquire lock for key "paygent:b"')
    expect(locking.held.get("paygent:a")).toBeUndefined()
    expect(locking.held.get("paygent:b")).toBe("someone-else")
  })

  it("releases its keys when a later step fails (compensation)", async () => {
    const locking = new FakeLocking()
    const { errors } = await lockingWorkflow(true)(containerWith(locking)).run({
      input: { key: ["paygent:a", "paygent:b"], ownerId: "me", timeout: 1, ttl: 60 },
      throwOnError: false,
    })
    expect(errors).toHaveLength(1)
    expect(locking.held.size).toBe(0)
  })
})
