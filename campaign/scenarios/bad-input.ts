/**
 * A corpus of bad (and borderline) input through the store and admin APIs: other currencies, amounts at and just
 * over each method's limit, names Shift_JIS cannot encode, half-width / full-width mixes, malformed phone numbers,
 * huge bodies, nonsense amounts and ids for the admin's actions.
 *
 * Each case expects `reject` (a 4xx with a message), `accept` (it goes through: an order, and Paygent holds exactly
 * the amount) or `either` (normalized and accepted, or refused clearly). Always: no 5xx, no dropped connection, and
 * nothing half-written (a refusal leaves no payment at Paygent and no order; a refused admin action sends no
 * telegram and leaves the payment as it was).
 */
import { cardDisagreements, orderFacts, paygentBySession } from "../lib/facts"
import { ok, request, type Reply } from "../lib/http"
import { admin, BUYER, cardData, complete, createCart, placeOrder, startSession, store, type Method } from "../lib/shop"
import { SIZES } from "../lib/sizes"
import { Tally } from "../lib/tally"
import type { CampaignContext, Scenario } from "../lib/types"

type Expect = "reject" | "accept" | "either"

interface StoreCase {
  name: string
  method: Method
  data?: Record<string, unknown>
  /** Price of the one item (a product made for the case), else the seeded ¥3,000 matcha. */
  price?: number
  regionId?: () => string
  expect: Expect
  /** In the reduced campaign too. */
  core?: boolean
}

interface AdminCase {
  name: string
  /** The request, given a captured or authorized card order. */
  send: (ctx: CampaignContext, target: AdminTarget) => Promise<Reply>
  on: "authorized" | "captured" | "none"
  expect: Expect
  core?: boolean
}

interface AdminTarget {
  orderId: string
  paymentId: string
}

function clear(reply: Reply): boolean {
  const message = (reply.data as { message?: unknown } | undefined)?.message
  return typeof message === "string" && message.trim().length > 0
}

const KANA = { customer_family_name_kana: "ヤマダ", customer_name_kana: "タロウ" }

function konbini(extra: Record<string, unknown>, chain = "00C002"): Record<string, unknown> {
  return { ...BUYER, cvs_company_id: chain, ...extra }
}

let usdRegion = ""

const STORE_CASES: StoreCase[] = [
  // Currencies: a USD cart is refused by the provider itself, before anything is sent.
  { name: "USD cart, card", method: "card", regionId: () => usdRegion, expect: "reject", core: true },
  { name: "USD cart, konbini", method: "konbini", data: konbini({}), regionId: () => usdRegion, expect: "reject", core: true },
  { name: "USD cart, Pay-easy", method: "payeasy", data: { ...BUYER }, regionId: () => usdRegion, expect: "reject" },
  { name: "USD cart, net bank", method: "banknet", data: { ...BUYER }, regionId: () => usdRegion, expect: "reject" },
  // Amounts at and over each limit.
  { name: "konbini (Lawson) ¥500,000", method: "konbini", data: konbini({}), price: 500_000, expect: "accept", core: true },
  { name: "konbini (Lawson) ¥500,001", method: "konbini", data: konbini({}), price: 500_001, expect: "reject", core: true },
  { name: "konbini (Seven-Eleven) ¥300,000", method: "konbini", data: konbini({}, "00C001"), price: 300_000, expect: "accept" },
  { name: "konbini (Seven-Eleven) ¥300,001", method: "konbini", data: konbini({}, "00C001"), price: 300_001, expect: "reject", core: true },
  { name: "Pay-easy ¥500,000", method: "payeasy", data: { ...BUYER }, price: 500_000, expect: "accept" },
  { name: "Pay-easy ¥500,001", method: "payeasy", data: { ...BUYER }, price: 500_001, expect: "reject" },
  { name: "net bank ¥500,000", method: "banknet", data: { ...BUYER }, price: 500_000, expect: "accept" },
  { name: "net bank ¥500,001", method: "banknet", data: { ...BUYER }, price: 500_001, expect: "reject" },
  { name: "card ¥9,999,999", method: "card", price: 9_999_999, expect: "accept", core: true },
  { name: "card ¥10,000,000", method: "card", price: 10_000_000, expect: "reject", core: true },
  // Names Shift_JIS (JIS X 0208) cannot encode.
  { name: "family name 𠮷田 (outside JIS X 0208)", method: "konbini", data: konbini({ customer_family_name: "𠮷田" }), expect: "reject", core: true },
  { name: "family name 髙橋 (IBM extension)", method: "konbini", data: konbini({ customer_family_name: "髙橋" }), expect: "reject" },
  { name: "given name ①郎 (NEC special)", method: "konbini", data: konbini({ customer_name: "①郎" }), expect: "reject" },
  { name: "given name with an emoji", method: "payeasy", data: { ...BUYER, customer_name: "太郎😀" }, expect: "reject", core: true },
  { name: "kana with a kanji", method: "konbini", data: konbini({ customer_family_name_kana: "山田" }), expect: "reject" },
  { name: "kana with an emoji", method: "banknet", data: { ...BUYER, customer_name_kana: "タロウ😀" }, expect: "reject" },
  { name: "kana with hiragana", method: "konbini", data: konbini({ customer_family_name_kana: "やまだ" }), expect: "either" },
  { name: "half-width kana ﾔﾏﾀﾞ", method: "konbini", data: konbini({ customer_family_name_kana: "ﾔﾏﾀﾞ" }), expect: "either", core: true },
  { name: "half/full-width kana mix ヤマﾀﾞ", method: "payeasy", data: { ...BUYER, customer_family_name_kana: "ヤマﾀﾞ" }, expect: "either" },
  { name: "half-width Latin in a kanji field", method: "konbini", data: konbini({ customer_family_name: "Yamada" }), expect: "either" },
  { name: "full-width Latin in a kanji field", method: "payeasy", data: { ...BUYER, customer_family_name: "Ｙａｍａｄａ" }, expect: "either" },
  { name: "half-width kana in a kanji field", method: "konbini", data: konbini({ customer_family_name: "ﾔﾏﾀﾞ" }), expect: "either" },
  { name: "kanji name of 40 characters", method: "konbini", data: konbini({ customer_family_name: "山".repeat(40) }), expect: "reject" },
  { name: "name of 100,000 characters", method: "payeasy", data: { ...BUYER, customer_name: "太".repeat(100_000) }, expect: "reject" },
  { name: "empty family name", method: "konbini", data: konbini({ customer_family_name: "" }), expect: "reject" },
  { name: "name as a number", method: "konbini", data: konbini({ customer_family_name: 12345 }), expect: "reject" },
  // Not a string: ignored, and the name comes from the customer instead (or the session is refused).
  { name: "name as an object", method: "payeasy", data: { ...BUYER, customer_name: { ja: "太郎" } }, expect: "either" },
  // Phone numbers.
  { name: "phone with a letter", method: "konbini", data: konbini({ customer_tel: "090-1234-567a" }), expect: "reject", core: true },
  { name: "phone too long", method: "konbini", data: konbini({ customer_tel: "090-1234-5678-9012" }), expect: "reject" },
  // Paygent itself only asks for digits (at most 11): a short number is accepted by it.
  { name: "phone too short", method: "payeasy", data: { ...BUYER, customer_tel: "12" }, expect: "either" },
  { name: "phone empty", method: "konbini", data: konbini({ customer_tel: "" }), expect: "reject" },
  { name: "phone +81 form", method: "konbini", data: konbini({ customer_tel: "+81-90-1234-5678" }), expect: "either" },
  { name: "phone in full-width digits", method: "payeasy", data: { ...BUYER, customer_tel: "０９０－１２３４－５６７８" }, expect: "either", core: true },
  { name: "phone with spaces", method: "banknet", data: { ...BUYER, customer_tel: "090 1234 5678" }, expect: "either" },
  { name: "phone with an emoji", method: "konbini", data: konbini({ customer_tel: "090📞12345678" }), expect: "reject" },
  // Other method data.
  { name: "unknown konbini chain", method: "konbini", data: konbini({ cvs_company_id: "00C999" }), expect: "reject", core: true },
  { name: "konbini chain as an array", method: "konbini", data: konbini({ cvs_company_id: ["00C002"] }), expect: "either" },
  { name: "card without a token", method: "card", data: {}, expect: "reject", core: true },
  { name: "card with a tampered token hash", method: "card", data: { card_token: "tok_AAAAAAAAAAAAAAAAAAAA", token_hc: "0".repeat(64) }, expect: "reject" },
  { name: "card payment_class 99", method: "card", data: { payment_class: "99" }, expect: "reject" },
  { name: "card installments without a count", method: "card", data: { payment_class: "61" }, expect: "reject" },
  { name: "card return_url javascript:", method: "card", data: { return_url: "javascript:alert(1)" }, expect: "either" },
]

const ADMIN_CASES: AdminCase[] = [
  { name: "capture amount 'abc'", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: "abc" }) },
  { name: "capture amount -1", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: -1 }) },
  { name: "capture amount 0", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: 0 }) },
  { name: "capture amount 1.5", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: 1.5 }) },
  { name: "capture more than authorized", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: 3001 }) },
  { name: "capture ¥1e15", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: 1e15 }) },
  { name: "capture with an unknown field", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/capture`, { amount: 1000, sneaky: true }) },
  { name: "capture an unknown order", on: "none", expect: "reject", core: true, send: (ctx) => admin(ctx, "POST", `/admin/paygent/orders/order_doesnotexist/capture`) },
  { name: "Medusa capture more than the payment", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/payments/${t.paymentId}/capture`, { amount: 999_999 }) },
  { name: "change amount 0", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { amount: 0 }) },
  { name: "change amount up (¥5,000)", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { amount: 5000 }) },
  { name: "change amount '2000' as text", on: "authorized", expect: "either", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { amount: "2000" }) },
  { name: "change amount with a bad payment id", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { paygent_payment_id: "12ab" }) },
  { name: "confirm a change that is not pending", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { paygent_payment_id: "123456" }) },
  { name: "Medusa refund more than captured", on: "captured", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/payments/${t.paymentId}/refund`, { amount: 999_999 }) },
  { name: "Medusa refund -5", on: "captured", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/payments/${t.paymentId}/refund`, { amount: -5 }) },
  { name: "second capture of a captured order (Medusa)", on: "captured", expect: "either", send: (ctx, t) => admin(ctx, "POST", `/admin/payments/${t.paymentId}/capture`, {}) },
  { name: "refresh an unknown order", on: "none", expect: "reject", send: (ctx) => admin(ctx, "POST", `/admin/paygent/orders/order_x/refresh`) },
  { name: "cancel with a body", on: "authorized", expect: "reject", send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/cancel`, { force: true }) },
  { name: "bulk capture, order_ids not a list", on: "none", expect: "reject", core: true, send: (ctx) => admin(ctx, "POST", `/admin/paygent/bulk/capture`, { order_ids: "order_1" }) },
  { name: "bulk capture of 20,000 ids", on: "none", expect: "reject", send: (ctx) => admin(ctx, "POST", `/admin/paygent/bulk/capture`, { order_ids: Array.from({ length: 20_000 }, (_, i) => `order_${i}`) }) },
  { name: "resolve an unknown alert", on: "none", expect: "reject", send: (ctx) => admin(ctx, "POST", `/admin/paygent/alerts/pgal_unknown/resolve`) },
  { name: "the admin API without a login", on: "authorized", expect: "reject", core: true, send: (ctx, t) => request("POST", `${ctx.urls()[0]}/admin/paygent/orders/${t.orderId}/capture`, { body: {} }) },
  { name: "admin body of 5 MB", on: "authorized", expect: "reject", core: true, send: (ctx, t) => admin(ctx, "POST", `/admin/paygent/orders/${t.orderId}/change-amount`, { amount: 2000, note: "x".repeat(5_000_000) }) },
  { name: "store cart body of 5 MB", on: "none", expect: "reject", core: true, send: (ctx) => store(ctx, "POST", "/store/carts", { region_id: ctx.store.regionId, metadata: { blob: "x".repeat(5_000_000) } }) },
  { name: "store session data of 2 MB", on: "none", expect: "reject", send: async (ctx) => startSession(ctx, await createCart(ctx), "konbini", konbini({ note: "あ".repeat(700_000) })) },
  { name: "notice URL with a JSON body of 2 MB", on: "none", expect: "reject", send: (ctx) => request("POST", `${ctx.urls()[0]}/paygent/notice`, { body: { payment_notice_id: "1", pad: "x".repeat(2_000_000) } }) },
]

async function makeProduct(ctx: CampaignContext, price: number): Promise<string> {
  const reply = await admin(ctx, "POST", "/admin/products", {
    title: `Limit ${price}`,
    status: "published",
    shipping_profile_id: ctx.store.shippingProfileId,
    options: [{ title: "Size", values: ["One"] }],
    variants: [{ title: "One", manage_inventory: false, options: { Size: "One" }, prices: [{ currency_code: "jpy", amount: price }] }],
    sales_channels: [{ id: ctx.store.salesChannelId }],
  })
  if (!ok(reply)) throw new Error(`product ¥${price}: ${reply.status} ${reply.text.slice(0, 300)}`)
  return reply.data.product.variants[0].id
}

async function ensureUsdRegion(ctx: CampaignContext): Promise<string> {
  const reply = await admin(ctx, "POST", "/admin/regions", {
    name: `USD ${Date.now()}`,
    currency_code: "usd",
    payment_providers: ["pp_paygent-card_paygent", "pp_paygent-konbini_paygent", "pp_paygent-payeasy_paygent", "pp_paygent-banknet_paygent"],
  })
  if (!ok(reply)) throw new Error(`USD region: ${reply.status} ${reply.text.slice(0, 300)}`)
  return reply.data.region.id
}

function newPayments(ctx: CampaignContext, before: Set<string>) {
  return ctx.sim.control.listPayments().filter((p) => !before.has(p.payment_id))
}

function lastSeq(ctx: CampaignContext): number {
  const log = ctx.sim.control.listTelegrams()
  return log.length ? log[log.length - 1].seq : 0
}

export const badInput: Scenario = async (ctx, size) => {
  const subset = SIZES[size].badInput.subset
  const tally = new Tally()
  const started = Date.now()
  usdRegion = await ensureUsdRegion(ctx)
  const variants = new Map<number, string>()
  const storeCases = STORE_CASES.filter((c) => !subset || c.core)
  for (const price of new Set(storeCases.map((c) => c.price).filter((p): p is number => !!p))) {
    variants.set(price, await makeProduct(ctx, price))
  }
  const outcomes = { rejected: 0, accepted: 0 }

  for (const c of storeCases) {
    const known = new Set(ctx.sim.control.listPayments().map((p) => p.payment_id))
    const fromSeq = lastSeq(ctx)
    let cartId: string
    try {
      cartId = await createCart(ctx, { variantId: c.price ? variants.get(c.price) : undefined, regionId: c.regionId?.() })
    } catch (error) {
      tally.fail(`${c.name}: the cart could not be made: ${(error as Error).message.slice(0, 200)}`)
      continue
    }
    const data = c.method === "card" && !("card_token" in (c.data ?? {})) && c.name !== "card without a token" ? { ...cardData(ctx), ...(c.data ?? {}) } : (c.data ?? {})
    let refusal: Reply | undefined
    const session = await startSession(ctx, cartId, c.method, data)
    tally.check(session.status > 0 && session.status < 500, `${c.name}: the session answered ${session.error ?? session.status} ${session.text.slice(0, 200)}`)
    if (!ok(session)) {
      refusal = session
    } else {
      const done = await complete(ctx, cartId)
      tally.check(done.status > 0 && done.status < 500, `${c.name}: completion answered ${done.error ?? done.status} ${done.text.slice(0, 200)}`)
      if (!ok(done)) {
        refusal = done
      } else if (done.data.type !== "order") {
        // Medusa answers 200 with the cart and an error when the provider refused the authorization.
        refusal = { ...done, status: 400, data: { message: typeof done.data.error === "string" ? done.data.error : done.data.error?.message } }
      }
    }
    const made = newPayments(ctx, known)
    if (refusal) {
      outcomes.rejected++
      tally.check(c.expect !== "accept", `${c.name}: refused (${refusal.status} ${refusal.text.slice(0, 200)}) but should go through`)
      tally.check(refusal.status >= 400 && refusal.status < 500 && clear(refusal), `${c.name}: not a clear 4xx: ${refusal.status} ${refusal.text.slice(0, 200)}`)
      tally.check(made.length === 0, `${c.name}: refused, yet Paygent holds ${made.map((p) => `${p.payment_id} ¥${p.payment_amount}`).join(", ")}`)
      const [order] = await ctx.db.query(`select 1 from order_cart where cart_id = $1 and deleted_at is null`, [cartId])
      tally.check(!order, `${c.name}: refused, yet an order exists`)
    } else {
      outcomes.accepted++
      tally.check(c.expect !== "reject", `${c.name}: went through but should be refused`)
      const expected = c.price ?? 3000
      if (c.method === "banknet") {
        // Net bank: Paygent makes the payment when the shopper picks a bank; until then there is the 060 registration.
        const registered = ctx.sim.control
          .listTelegrams()
          .filter((t) => t.seq > fromSeq && t.telegram_kind === "060" && t.result === "0")
        tally.check(
          registered.length === 1 && Number(registered[0].params.amount) === expected,
          `${c.name}: ${registered.length} net-bank registrations (${registered.map((t) => t.params.amount).join(", ")}) for an order of ¥${expected}`
        )
      } else {
        tally.check(
          made.length === 1 && made[0].payment_amount === expected,
          `${c.name}: Paygent holds ${made.map((p) => `¥${p.payment_amount}`).join(", ") || "nothing"} for an order of ¥${expected}`
        )
      }
    }
  }

  const adminCases = ADMIN_CASES.filter((c) => !subset || c.core)
  for (const c of adminCases) {
    let target: AdminTarget = { orderId: "", paymentId: "" }
    if (c.on !== "none") {
      const order = await placeOrder(ctx, "card")
      const facts = (await orderFacts(ctx.db, [order.orderId])).get(order.orderId)!
      target = { orderId: order.orderId, paymentId: facts.payments[0].id }
      if (c.on === "captured") {
        const captured = await admin(ctx, "POST", `/admin/paygent/orders/${order.orderId}/capture`)
        if (!ok(captured)) throw new Error(`capture for "${c.name}": ${captured.status} ${captured.text.slice(0, 200)}`)
      }
    }
    const before = target.orderId ? JSON.stringify((await orderFacts(ctx.db, [target.orderId])).get(target.orderId)) : ""
    const fromSeq = lastSeq(ctx)
    const reply = await c.send(ctx, target)
    tally.check(reply.status > 0 && reply.status < 500, `${c.name}: answered ${reply.error ?? reply.status} ${reply.text.slice(0, 200)}`)
    if (ok(reply)) {
      outcomes.accepted++
      tally.check(c.expect !== "reject", `${c.name}: went through (${reply.status}) but should be refused`)
      if (target.orderId) {
        const facts = (await orderFacts(ctx.db, [target.orderId])).get(target.orderId)!
        const problems = cardDisagreements(facts, paygentBySession(ctx.sim))
        tally.check(problems.length === 0, `${c.name}: went through, and then ${problems.join("; ")}`)
      }
      continue
    }
    outcomes.rejected++
    tally.check(c.expect !== "accept", `${c.name}: refused (${reply.status}) but should go through`)
    tally.check(reply.status >= 400 && reply.status < 500 && (clear(reply) || reply.status === 401 || reply.status === 413), `${c.name}: not a clear 4xx: ${reply.status} ${reply.text.slice(0, 200)}`)
    if (target.orderId) {
      const paygentId = JSON.parse(before).payments[0]?.state?.payment_id
      const sent = ctx.sim.control.listTelegrams().filter((t) => t.seq > fromSeq && t.params.payment_id === paygentId && t.telegram_kind !== "094")
      tally.check(sent.length === 0, `${c.name}: refused, yet ${sent.map((t) => t.telegram_kind).join(", ")} was sent`)
      const after = JSON.stringify((await orderFacts(ctx.db, [target.orderId])).get(target.orderId))
      tally.check(after === before, `${c.name}: refused, yet the order changed`)
    }
  }
  tally.note(
    `${storeCases.length} store inputs and ${adminCases.length} admin inputs: ${outcomes.rejected} refused with a 4xx, ${outcomes.accepted} accepted; ${((Date.now() - started) / 1000).toFixed(0)} s`
  )
  return tally.result()
}
