import { registerSessionSecretSource } from "../../../modules/paygent/ledger-registry"
import { loadOrCreateSecret } from "../../../modules/paygent/stored-secret"
import { resolveSessionSecret } from "../core/session-secret"
import { newSessionSecret, sessionSecretProblem } from "../../../options/session-secret"

const STRONG = "h7Qe2Zr9WcVx4Lk1Np8Tb6Ys3Md0Fg5J" // 32 characters, 32 distinct
const logger = { info: jest.fn(), warn: jest.fn() }

describe("the session secret is never guessable from a password", () => {
  it("is required in production and must look random whenever it is given", () => {
    const base = { connectPassword: "TestPassw0rd99" }
    expect(sessionSecretProblem({ ...base, environment: "production" })).toMatch(/required in production/)
    expect(sessionSecretProblem({ ...base, environment: "production", sessionSecret: "" })).toMatch(/required in production/)
    expect(sessionSecretProblem({ ...base, environment: "production", sessionSecret: STRONG })).toBeUndefined()
    expect(sessionSecretProblem({ ...base, environment: "sandbox" })).toBeUndefined()
    expect(sessionSecretProblem({ ...base })).toBeUndefined()
    expect(sessionSecretProblem({ ...base, sessionSecret: "short-secret" })).toMatch(/too short/)
    expect(sessionSecretProblem({ ...base, sessionSecret: "Passw0rd".repeat(4) })).toMatch(/repetitive/)
    expect(sessionSecretProblem({ ...base, sessionSecret: "a".repeat(40) })).toMatch(/repetitive/)
    expect(sessionSecretProblem({ ...base, sessionSecret: `xK3vB9qW${base.connectPassword}mZ7rT2yL5nP` })).toMatch(/connect password/)
    // What the README suggests (`openssl rand -base64 32`, `-hex 32`) passes.
    expect(sessionSecretProblem({ ...base, sessionSecret: newSessionSecret() })).toBeUndefined()
    expect(sessionSecretProblem({ ...base, sessionSecret: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" })).toBeUndefined()
  })

  it("uses the option when set, else the plugin's stored secret, else one random secret per process", async () => {
    expect(await resolveSessionSecret({ sessionSecret: STRONG }, logger)).toBe(STRONG)
    await expect(resolveSessionSecret({ environment: "production" }, logger)).rejects.toThrow(/sessionSecret/)

    const perProcess = await resolveSessionSecret({}, logger)
    expect(perProcess).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await resolveSessionSecret({}, logger)).toBe(perProcess)
    expect(logger.warn).toHaveBeenCalledTimes(1)

    registerSessionSecretSource({ sessionSecret: async () => "from-the-table" })
    expect(await resolveSessionSecret({}, logger)).toBe("from-the-table")
  })

  it("is written once to the table even when two instances start together; both use the row that got in", async () => {
    let row: string | undefined
    const table = {
      read: async () => row,
      create: async (value: string) => {
        await new Promise((resolve) => setImmediate(resolve))
        if (row !== undefined) {
          throw new Error('duplicate key value violates unique constraint "IDX_paygent_secret_name_unique"')
        }
        row = value
      },
    }
    let n = 0
    const [first, second] = await Promise.all([
      loadOrCreateSecret(table, () => `secret-${++n}`, logger),
      loadOrCreateSecret(table, () => `secret-${++n}`, logger),
    ])
    expect(n).toBe(2)
    expect(first).toBe(row)
    expect(second).toBe(row)
    expect(await loadOrCreateSecret(table, () => "never", logger)).toBe(row)
  })

  it("says so when the table cannot hold it", async () => {
    const broken = { read: async () => undefined, create: async () => Promise.reject(new Error('relation "paygent_secret" does not exist')) }
    await expect(loadOrCreateSecret(broken, newSessionSecret, logger)).rejects.toThrow(/db:migrate/)
  })
})
