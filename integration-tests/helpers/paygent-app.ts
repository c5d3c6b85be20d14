import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { startSimulator } from "../../src/simulator"
import type { Simulator, SimulatorOptions } from "../../src/simulator"

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
 *
 * `restart()` stops the simulator and starts a new one on the same port with the certificates of the first (kept in a
 * folder), as a merchant restarting `npx paygent-simulator --cert-dir …` would; its state starts empty unless the
 * options give a stateFile.
 */
export function withPaygentSimulator(
  env: Record<string, string> = {},
  simulatorOptions: SimulatorOptions = {}
): { sim: () => Simulator; restart: (options?: SimulatorOptions) => Promise<Simulator> } {
  let simulator: Simulator | undefined
  let certDir: string | undefined
  const previous: Record<string, string | undefined> = {}
  const set = (key: string, value: string) => {
    previous[key] = process.env[key]
    process.env[key] = value
  }
  const options = (): SimulatorOptions => ({
    tls: true,
    certDir,
    merchantId: TEST_KEYS.merchantId,
    connectId: TEST_KEYS.connectId,
    connectPassword: TEST_KEYS.connectPassword,
    tokenKey: TEST_KEYS.tokenKey,
    tokenHashKey: TEST_KEYS.tokenHashKey,
    threeDsHashKey: TEST_KEYS.threeDsHashKey,
    noticeHashKey: TEST_KEYS.noticeHashKey,
    ...simulatorOptions,
  })

  beforeAll(async () => {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-it-certs-"))
    simulator = await startSimulator(options())
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
    if (certDir) {
      fs.rmSync(certDir, { recursive: true, force: true })
    }
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[key]
      } else {
        process.env[key] = value
      }
    }
  })

  const sim = () => {
    if (!simulator) {
      throw new Error("the simulator is not running yet")
    }
    return simulator
  }
  return {
    sim,
    restart: async (extra: SimulatorOptions = {}) => {
      const port = Number(new URL(sim().url).port)
      await sim().close()
      simulator = await startSimulator({ ...options(), port, ...extra })
      return simulator
    },
  }
}
