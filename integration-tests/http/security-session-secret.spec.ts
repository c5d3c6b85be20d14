import * as path from "node:path"
import { Client } from "pg"
import { Modules } from "@medusajs/framework/utils"
import { bootModules } from "../helpers/boot-modules"
import { TEST_KEYS } from "../helpers/paygent-app"

jest.setTimeout(180 * 1000)

/**
 * Issue #15 item 6: in production the session secret must be set and look random; Medusa does not boot otherwise,
 * and the error names the option without echoing it. Each boot is Medusa's own module loader in a process of its
 * own (the payment module with the Paygent provider, or the plugin's module), as `medusa start` loads them, on a
 * database of its own.
 */
const root = path.resolve(__dirname, "../..")
const DATABASE = `paygent_secret_boot_${process.pid}`
const server = `postgres://${process.env.DB_USERNAME ?? "postgres"}:${process.env.DB_PASSWORD ?? ""}@${process.env.DB_HOST ?? "localhost"}:${process.env.DB_PORT ?? "5432"}`
const clientUrl = `${server}/${DATABASE}`

const STRONG = "Vq7Lr2Xp9Kd4Wm8Zt1Hs6Bn3Yc5Jf0Ge" // 32 random characters

function options(extra: Record<string, unknown>) {
  return {
    merchantId: TEST_KEYS.merchantId,
    connectId: TEST_KEYS.connectId,
    connectPassword: TEST_KEYS.connectPassword,
    environment: "production",
    threeDsHashKey: TEST_KEYS.threeDsHashKey,
    threeDsMerchantName: "Boot Test Shop",
    backendUrl: "https://api.example.jp",
    ...extra,
  }
}

const paymentModule = (extra: Record<string, unknown>) => ({
  [Modules.PAYMENT]: {
    resolve: "@medusajs/medusa/payment",
    options: { providers: [{ resolve: path.join(root, "src/providers/paygent"), id: "paygent", options: options(extra) }] },
  },
})

const pluginModule = (extra: Record<string, unknown>) => ({
  paygent: { resolve: path.join(root, "src/modules/paygent"), options: options(extra) },
})

async function admin(sql: string) {
  const client = new Client({ connectionString: `${server}/postgres` })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

describe("the session secret in production (issue #15 item 6)", () => {
  beforeAll(async () => {
    await admin(`create database "${DATABASE}"`)
    // The payment module's tables, so that a boot that passes the options goes all the way.
    const migrated = await bootModules({ clientUrl, modulesConfig: paymentModule({ environment: "sandbox" }), migrate: true })
    expect(migrated).toEqual({ booted: true })
  })
  afterAll(() => admin(`drop database if exists "${DATABASE}" with (force)`))

  it.each([
    ["missing", undefined, /"sessionSecret" is required in production/],
    ["short", "changeme-changeme", /"sessionSecret" is too short/],
    ["built on the connect password", `${TEST_KEYS.connectPassword}-${STRONG}`, /"sessionSecret" must not contain the connect password/],
  ])("stops Medusa's boot when it is %s, naming the option and not its value", async (_case, sessionSecret, message) => {
    const outcome = await bootModules({ clientUrl, modulesConfig: paymentModule(sessionSecret === undefined ? {} : { sessionSecret }) })
    expect(outcome.booted).toBe(false)
    expect(outcome.error).toMatch(message)
    expect(outcome.error).toMatch(/Paygent の設定 "sessionSecret"/)
    expect(outcome.error).not.toContain(TEST_KEYS.connectPassword)
    if (sessionSecret) {
      expect(outcome.error).not.toContain(sessionSecret)
    }
  })

  it("stops the plugin's own module too", async () => {
    const outcome = await bootModules({ clientUrl, modulesConfig: pluginModule({}) })
    expect(outcome.booted).toBe(false)
    expect(outcome.error).toMatch(/"sessionSecret" is required in production/)
  })

  it("boots in production with a random secret, and in the sandbox without one", async () => {
    expect(await bootModules({ clientUrl, modulesConfig: paymentModule({ sessionSecret: STRONG }) })).toEqual({ booted: true })
    expect(await bootModules({ clientUrl, modulesConfig: pluginModule({ sessionSecret: STRONG }) })).toEqual({ booted: true })
    expect(await bootModules({ clientUrl, modulesConfig: paymentModule({ environment: "sandbox" }) })).toEqual({ booted: true })
  })
})
