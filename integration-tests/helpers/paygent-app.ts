import { startSimulator } from "../../src/simulator"
import type { Simulator } from "../../src/simulator"

export const TEST_KEYS = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  tokenKey: "test_token_key",
  tokenHashKey: "test_token_hash_key",
  threeDsHashKey: "test_3ds_hash_key",
  noticeHashKey: "test_notice_hash_key",
}

/**
 * Starts a Paygent simulator (HTTPS with client certificates, like Paygent) before the Medusa app of the spec
 * file boots, and points the app's provider at it through the environment `medusa-config.ts` reads. Call at the
 * top level of a spec file, before `medusaIntegrationTestRunner`: Jest runs this `beforeAll` first.
 */
export function withPaygentSimulator(env: Record<string, string> = {}): { sim: () => Simulator } {
  let simulator: Simulator | undefined
  const previous: Record<string, string | undefined> = {}
  const set = (key: string, value: string) => {
    previous[key] = process.env[key]
    process.env[key] = value
  }

  beforeAll(async () => {
    simulator = await startSimulator({
      tls: true,
      merchantId: TEST_KEYS.merchantId,
      connectId: TEST_KEYS.connectId,
      connectPassword: TEST_KEYS.connectPassword,
      tokenKey: TEST_KEYS.tokenKey,
      tokenHashKey: TEST_KEYS.tokenHashKey,
      threeDsHashKey: TEST_KEYS.threeDsHashKey,
      noticeHashKey: TEST_KEYS.noticeHashKey,
    })
    set("PAYGENT_BASE_URL", simulator.url)
    set("PAYGENT_CLIENT_CERT", simulator.tls!.clientCertPem)
    set("PAYGENT_CLIENT_KEY", simulator.tls!.clientKeyPem)
    set("PAYGENT_CERT_PASSPHRASE", simulator.tls!.passphrase)
    set("PAYGENT_CA", simulator.tls!.caPem)
    set("PAYGENT_MERCHANT_ID", TEST_KEYS.merchantId)
    set("PAYGENT_CONNECT_ID", TEST_KEYS.connectId)
    set("PAYGENT_CONNECT_PASSWORD", TEST_KEYS.connectPassword)
    set("PAYGENT_TOKEN_HASH_KEY", TEST_KEYS.tokenHashKey)
    set("PAYGENT_3DS_HASH_KEY", TEST_KEYS.threeDsHashKey)
    set("PAYGENT_NOTICE_HASH_KEY", TEST_KEYS.noticeHashKey)
    for (const [key, value] of Object.entries(env)) {
      set(key, value)
    }
  })

  afterAll(async () => {
    await simulator?.close()
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[key]
      } else {
        process.env[key] = value
      }
    }
  })

  return {
    sim: () => {
      if (!simulator) {
        throw new Error("the simulator is not running yet")
      }
      return simulator
    },
  }
}
