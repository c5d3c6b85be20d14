import { createServer } from "node:net"
import { inspect } from "node:util"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { authenticate } from "../helpers/acs-browser"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { BUYER, cardTokenData, TEST_CARDS } from "../helpers/card-token"
import { SessionCrypto } from "../../src/providers/paygent/core/session-crypto"

jest.setTimeout(180 * 1000)

/**
 * Issue #15, items 1, 5 and 6, through the HTTP API: a 3-D Secure result applies only to the session that waits for
 * it; session data with control characters (or the server's own keys) is refused before Medusa stores it, and no
 * token reaches a log; the session secret is random and shared through the plugin's table, never derived from the
 * connect password. (The production boot error is in security-session-secret.spec.ts.)
 */
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "required" })

// A fixed port, so that term_url (backendUrl) reaches this app: the simulator's 30-minute timeout call is real here.
const previousEnv = { PORT: process.env.PORT, PAYGENT_BACKEND_URL: process.env.PAYGENT_BACKEND_URL }
beforeAll(async () => {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once("error", reject)
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
  process.env.PORT = String(port)
  process.env.PAYGENT_BACKEND_URL = `http://localhost:${port}`
})
afterAll(() => {
  for (const [key, value] of Object.entries(previousEnv)) {
    if (value === undefined) {
      delete process.env[key]
    } else {
      process.env[key] = value
    }
  }
})

const OTHER_CARD = "4923000000001999"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(getContainer())
      // The runner restores the database before each test from a copy taken after this hook: the secret is written
      // here, as a running shop's first checkout writes it once, so that every test sees the row this process uses.
      await (getContainer().resolve("paygent") as { sessionSecret(): Promise<string> }).sessionSecret()
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
    })

    const payments = () => getContainer().resolve<IPaymentModuleService>(Modules.PAYMENT)

    /** The session as stored (data and status), to show that a refused return changed nothing. */
    async function stored(sessionId: string): Promise<{ status: string; data: Record<string, any> }> {
      const session = await payments().retrievePaymentSession(sessionId)
      return { status: session.status, data: session.data as Record<string, any> }
    }

    async function term(pathAndQuery: string) {
      return api.get(pathAndQuery, { maxRedirects: 0, validateStatus: () => true })
    }

    /** The shopper's browser runs the ACS HTML; returns the term_url path and query the browser is sent to. */
    async function threeDsReturn(session: any, password?: string): Promise<string> {
      const url = await authenticate(session.data.paygent.threeds.acs_html, { password, appBaseUrl: api.defaults.baseURL! })
      return url.pathname + url.search
    }

    function withSession(termPath: string, sessionId: string): string {
      const url = new URL(termPath, "http://app")
      url.searchParams.set("session_id", sessionId)
      return url.pathname + url.search
    }

    function authIdOf(session: any): string {
      return /name="3ds_auth_id" value="([^"]+)"/.exec(session.data.paygent.threeds.acs_html)![1]
    }

    const authorizations = () => sim().control.listTelegrams().filter((t: any) => t.telegram_kind === "020")

    async function orderPayment(orderId: string) {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "payment_collections.payments.*", "payment_collections.payment_sessions.*"],
        filters: { id: orderId },
      })
      return data[0].payment_collections[0]
    }

    describe("a 3-D Secure result applies only to the session that waits for it (issue #15 item 1)", () => {
      it("refuses cart A's signed return on cart B (cross-session), and its replays; B still authenticates itself", async () => {
        // Cart A: ¥3,000 + shipping, frictionless.
        const cartA = await shopper.cart()
        const sessionA = await shopper.pay(cartA.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
        const returnA = await threeDsReturn(sessionA)
        expect((await term(returnA)).status).toBe(200)
        expect((await stored(sessionA.id)).data.paygent.threeds.state).toBe("authenticated")

        // Cart B: ¥5,000,000, another card, challenge left unanswered.
        const cartB = await shopper.cart({ variantId: store.expensiveVariantId })
        const sessionB = await shopper.pay(cartB.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim(), OTHER_CARD, "BAVCA"))
        expect(sessionB.data.paygent.threeds.state).toBe("challenge")
        const before = await stored(sessionB.id)

        const crossed = await term(withSession(returnA, sessionB.id))
        expect(crossed.status).toBe(200)
        expect(crossed.data).toContain("paygent-3ds-failed")
        expect(await stored(sessionB.id)).toEqual(before)

        const authorizationsBefore = authorizations().length
        const unfinished = await shopper.complete(cartB.id).catch((e: any) => e.response)
        expect(unfinished.status).toBe(400)
        expect(authorizations().length).toBe(authorizationsBefore)

        // A's own return again (a replay) changes nothing on A either.
        const aBefore = await stored(sessionA.id)
        await term(returnA)
        expect(await stored(sessionA.id)).toEqual(aBefore)

        // B's shopper answers the challenge: B authenticates with its own 3ds_auth_id and is authorized with it.
        const returnB = await threeDsReturn(sessionB, "14012")
        expect((await term(returnB)).status).toBe(200)
        const completed = await shopper.complete(cartB.id)
        expect(completed.type).toBe("order")
        const payment = (await orderPayment(completed.order.id)).payments[0]
        const atPaygent = sim().control.getPayment(payment.data.paygent.payment_id)!
        expect(atPaygent.card!["3ds_auth_id"]).toBe(authIdOf(sessionB))
        expect(atPaygent.card!["3ds_auth_id"]).not.toBe(authIdOf(sessionA))
      })

      it("changes nothing once the session moved on: a failed authentication, an authorized payment", async () => {
        // A session whose authentication failed (31007) is not turned into a success by somebody's signed return.
        const donor = await shopper.cart()
        const donorSession = await shopper.pay(donor.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
        const signedSuccess = await threeDsReturn(donorSession)

        const failedCart = await shopper.cart()
        const failedSession = await shopper.pay(failedCart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim(), OTHER_CARD, "BAVNA"))
        await term(await threeDsReturn(failedSession))
        const failed = await stored(failedSession.id)
        expect(failed.data.paygent.threeds.state).toBe("failed")
        await term(withSession(signedSuccess, failedSession.id))
        expect(await stored(failedSession.id)).toEqual(failed)

        // An authorized payment: its own return replayed, and an unsigned failure with its real 3ds_auth_id.
        const cart = await shopper.cart()
        const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
        const ownReturn = await threeDsReturn(session)
        await term(ownReturn)
        const completed = await shopper.complete(cart.id)
        expect(completed.type).toBe("order")
        const afterOrder = await stored(session.id)
        const paymentBefore = (await orderPayment(completed.order.id)).payments[0]
        expect(afterOrder.status).toBe("authorized")

        const replay = await term(ownReturn)
        expect(replay.status).toBe(200)
        expect(replay.data).toContain("paygent-3ds-ok")
        await term(`/paygent/3ds/term?session_id=${session.id}&result=1&response_code=31007&3ds_auth_id=${authIdOf(session)}`)
        expect(await stored(session.id)).toEqual(afterOrder)
        const paymentAfter = (await orderPayment(completed.order.id)).payments[0]
        expect(paymentAfter.data).toEqual(paymentBefore.data)
        expect(sim().control.getPayment(paymentAfter.data.paygent.payment_id)!.payment_status).toBe("20")
      })

      it("does not let an unsigned result=1 fail another shopper's waiting attempt", async () => {
        const cart = await shopper.cart()
        const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim(), OTHER_CARD, "BAVCA"))
        const before = await stored(session.id)
        for (const forged of [
          `/paygent/3ds/term?session_id=${session.id}&result=1&response_code=31007`,
          `/paygent/3ds/term?session_id=${session.id}&result=1&response_code=31013&3ds_auth_id=11111111-1111-1111-1111-111111111111`,
          `/paygent/3ds/term?session_id=${session.id}&result=1&response_code=31007&3ds_auth_id=${authIdOf(session)}&hc=${"0".repeat(64)}`,
        ]) {
          expect((await term(forged)).status).toBe(200)
          expect(await stored(session.id)).toEqual(before)
        }
        // The shopper's own authentication still goes through.
        await term(await threeDsReturn(session, "14012"))
        expect((await shopper.complete(cart.id)).type).toBe("order")
      })
    })

    describe("session data is checked before Medusa stores it (issue #15 item 5)", () => {
      /** Every line written to stdout / stderr, the console and Medusa's logger while `run` runs. */
      async function capturingLogs(run: () => Promise<void>): Promise<string[]> {
        const lines: string[] = []
        const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 8 }))).join(" ")
        const restore: Array<() => void> = []
        for (const stream of [process.stdout, process.stderr]) {
          const original = stream.write
          stream.write = function (this: NodeJS.WriteStream, chunk: any, ...rest: any[]) {
            lines.push(String(chunk))
            return original.call(this, chunk, ...rest)
          } as typeof stream.write
          restore.push(() => (stream.write = original))
        }
        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER) as unknown as Record<string, unknown>
        for (const target of [console as unknown as Record<string, unknown>, logger]) {
          for (const method of ["log", "info", "warn", "error", "debug", "http", "verbose", "panic", "failure"]) {
            const original = target[method]
            if (typeof original === "function") {
              target[method] = function (this: unknown, ...args: unknown[]) {
                lines.push(text(args))
                return original.apply(this, args)
              }
              restore.push(() => (target[method] = original))
            }
          }
        }
        try {
          await run()
        } finally {
          restore.reverse().forEach((undo) => undo())
        }
        return lines
      }

      async function sessionsOf(cartId: string) {
        const { data } = await api.get(`/store/carts/${cartId}?fields=*payment_collection,*payment_collection.payment_sessions`, {
          headers: { "x-publishable-api-key": store.publishableKey },
        })
        return data.cart.payment_collection?.payment_sessions ?? []
      }

      it("refuses a NUL in card session data with a 400 naming the field; no token or token_hc in any log line", async () => {
        const cart = await shopper.cart()
        const card = await cardTokenData(sim())
        const telegramsBefore = sim().control.listTelegrams().length
        let error: any
        const lines = await capturingLogs(async () => {
          error = await shopper
            .pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...card, cardholder_name: "TARO\u0000YAMADA" })
            .catch((e: any) => e.response)
        })
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(/^カード名義（data\.cardholder_name）に制御文字/)
        expect(error.data.message).toMatch(/data\.cardholder_name \(Cardholder name\) contains a control character/)
        const everything = lines.join("\n") + JSON.stringify(error.data)
        expect(everything).not.toContain(card.card_token)
        expect(everything).not.toContain(card.token_hc)
        // Nothing half-done: no session stored, nothing sent to Paygent.
        expect(await sessionsOf(cart.id)).toHaveLength(0)
        expect(sim().control.listTelegrams().length).toBe(telegramsBefore)

        // The same token then goes through once the name is fixed.
        const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, card)
        expect(session.status).toBe("requires_more")
      })

      it.each([
        ["a NUL in the token itself", { card_token: "\u0000" }, /data\.card_token/],
        ["a line break in a nested value", { card_display: { note: "a\nb" } }, /data\.card_display\.note/],
      ])("refuses %s in card data", async (_name, override, field) => {
        const cart = await shopper.cart()
        const card = await cardTokenData(sim())
        const error = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...card, ...override }).catch((e: any) => e.response)
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(field)
        expect(JSON.stringify(error.data)).not.toContain(card.card_token)
      })

      it.each([
        ["customer_family_name", "山\u0001田", /^姓（data\.customer_family_name）/],
        ["customer_name_kana", "タロウ\t", /^メイ（data\.customer_name_kana）/],
        ["customer_tel", "090-1234-5678\u0000", /^電話番号（data\.customer_tel）/],
      ])("refuses a control character in the konbini buyer's %s before anything is sent", async (field, value, message) => {
        const cart = await shopper.cart()
        const before = sim().control.listTelegrams().length
        const error = await shopper
          .pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002", [field]: value })
          .catch((e: any) => e.response)
        expect(error.status).toBe(400)
        expect(error.data.message).toMatch(message)
        expect(sim().control.listTelegrams().length).toBe(before)
        expect(await sessionsOf(cart.id)).toHaveLength(0)
      })

      it("refuses the provider's own state sent by a storefront (it would survive Medusa's merge), before anything is sent", async () => {
        const cart = await shopper.cart()
        const before = sim().control.listTelegrams().length
        const forged = await shopper
          .pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002", paygent: { payment_status: "40" } })
          .catch((e: any) => e.response)
        expect(forged.status).toBe(400)
        expect(forged.data.message).toMatch(/data\.paygent はサーバーが設定する項目/)
        const card = await shopper
          .pay(cart.id, PAYGENT_PROVIDER_IDS.card, { ...(await cardTokenData(sim())), paygent: { payment_status: "20" } })
          .catch((e: any) => e.response)
        expect(card.status).toBe(400)
        expect(await sessionsOf(cart.id)).toHaveLength(0)
        expect(sim().control.listTelegrams().length).toBe(before)
      })

      it("leaves other providers' sessions to Medusa", async () => {
        const cart = await shopper.cart()
        const session = await shopper.pay(cart.id, "pp_system_default", { note: "a\tb" }).catch((e: any) => e.response)
        // Whatever Medusa does with the system provider here, it is not the plugin's 400.
        expect(JSON.stringify(session?.data ?? session)).not.toMatch(/制御文字/)
      })
    })

    describe("the session secret (issue #15 item 6)", () => {
      it("is a random secret kept once in the plugin's table, which opens what any instance sealed; not the password", async () => {
        const cart = await shopper.cart()
        const card = await cardTokenData(sim())
        const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, card)
        const sealed = (await stored(session.id)).data.card_token_sealed as string
        expect(sealed).toMatch(/^v1\./)

        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
        const rows = await pg.raw(`select name, value from paygent_secret where deleted_at is null`)
        expect(rows.rows).toHaveLength(1)
        expect(rows.rows[0].name).toBe("session_secret")
        expect(rows.rows[0].value).toMatch(/^[A-Za-z0-9_-]{43}$/)

        // Another instance (or this one after a restart) reads the same row and opens the token.
        expect(new SessionCrypto(rows.rows[0].value).open(sealed)).toBe(card.card_token)
        // The old derivation from the connect password opens nothing.
        expect(new SessionCrypto(`${TEST_KEYS.merchantId}:${TEST_KEYS.connectPassword}`).open(sealed)).toBeUndefined()
      })
    })

    // Last: moving the simulator's clock times out every authentication still waiting.
    describe("Paygent's 30-minute timeout call", () => {
      it("fails the waiting session with the timeout message (the call reaches term_url on this app)", async () => {
        const cart = await shopper.cart()
        const session = await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim(), OTHER_CARD, "BAVCA"))
        await sim().control.advanceClock({ minutes: 31 })
        const auth = sim().control.getThreeDsAuth(authIdOf(session))!
        expect(auth.timeout_deliveries.at(-1)).toMatchObject({ ok: true })
        const after = await stored(session.id)
        expect(after.data.paygent.threeds.state).toBe("failed")
        expect(after.data.paygent.threeds.failure.response_code).toBe("31013")
        const refused = await shopper.complete(cart.id)
        expect(refused.type).toBe("cart")
        expect(refused.error.message).toMatch(/時間切れ/)
        expect(refused.error.message).toMatch(/timed out/)
      })
    })
  },
})
