/**
 * Orders for the benchmarks. One order of each kind is placed through Medusa's store API exactly as a storefront
 * places it (`placeOrder`); bulk orders are copies of it made with SQL (`cloneOrders`): the same rows Medusa wrote
 * (order, summary, item, line item, shipping method, addresses, the order ↔ payment collection link, payment
 * collection, payment session, payment when there is one, inventory reservation, the plugin's ledger row of the 030
 * and its shopper mails) with new ids. Carts are not copied (a completed cart plays no part in what the benches
 * measure).
 *
 * A konbini copy gets its own payment at the simulator: the bench sends the 030 itself (`konbiniAtSimulator`), with
 * the trading_id the provider would have derived from the copy's payment session id, and writes the answer into the
 * session's `data.paygent` as the provider does (payment_id, receipt number, deadline).
 */
import { randomBytes } from "crypto"
import type { PoolClient } from "pg"
import { PaygentClient } from "../../src/paygent"
import { tradingIdFor } from "../../src/modules/paygent/trading-id"
import { call, KEYS, type BenchApp } from "./app"

export const BUYER = {
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
}

export const JP_ADDRESS = {
  first_name: "太郎",
  last_name: "山田",
  address_1: "千代田1-1",
  city: "千代田区",
  province: "東京都",
  postal_code: "100-0001",
  country_code: "jp",
  phone: "090-1234-5678",
}

export const PROVIDERS = {
  card: "pp_paygent-card_paygent",
  konbini: "pp_paygent-konbini_paygent",
  system: "pp_system_default",
} as const

// ---- ids ----

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
let lastTime = 0
let sequence = 0n

/** A ULID (time-ordered; ids made in the same millisecond count up), as Medusa's generateEntityId makes them. */
export function ulid(at = Date.now()): string {
  let time = ""
  let t = at
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  if (at !== lastTime) {
    lastTime = at
    sequence = BigInt("0x" + randomBytes(10).toString("hex")) >> 1n
  } else {
    sequence += 1n
  }
  let rand = ""
  let r = sequence
  for (let i = 0; i < 16; i++) {
    rand = CROCKFORD[Number(r % 32n)] + rand
    r /= 32n
  }
  return time + rand
}

const prefixOf = (id: string) => id.slice(0, id.lastIndexOf("_") + 1)
const newId = (template: string, at?: number) => prefixOf(template) + ulid(at)

// ---- the store API ----

export interface PlacedOrder {
  orderId: string
  cartId: string
  /** ms of POST /store/carts/:id/complete */
  completeMs: number
  /** performance.now() when the complete call was sent */
  completeAt: number
  /** ms of the whole checkout: cart, shipping method, payment collection, payment session, complete */
  checkoutMs: number
  /** ms of the payment steps: payment collection + session + complete */
  paymentMs: number
}

/** A checkout through the store API, as the integration tests' Shopper does it. */
export async function placeOrder(
  app: BenchApp,
  providerId: string,
  data: Record<string, unknown> = {},
  /** Runs between the payment session and completion, timed with the payment steps (3-D Secure). */
  afterSession?: (session: any) => Promise<void>
): Promise<PlacedOrder> {
  const headers = app.storeHeaders
  const t0 = performance.now()
  const { cart } = await call(app, "POST", "/store/carts", {
    headers,
    body: {
      region_id: app.store.regionId,
      sales_channel_id: app.store.salesChannelId,
      email: "taro@example.jp",
      items: [{ variant_id: app.store.variantId, quantity: 1 }],
      shipping_address: JP_ADDRESS,
      billing_address: JP_ADDRESS,
    },
  })
  await call(app, "POST", `/store/carts/${cart.id}/shipping-methods`, { headers, body: { option_id: app.store.shippingOptionId } })
  const t1 = performance.now()
  const { payment_collection } = await call(app, "POST", "/store/payment-collections", { headers, body: { cart_id: cart.id } })
  const { payment_collection: withSession } = await call(app, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    headers,
    body: { provider_id: providerId, data },
  })
  if (afterSession) {
    await afterSession(withSession.payment_sessions.find((s: any) => s.provider_id === providerId))
  }
  const t2 = performance.now()
  const done = await call(app, "POST", `/store/carts/${cart.id}/complete`, { headers })
  const t3 = performance.now()
  if (done.type !== "order") {
    throw new Error(`cart ${cart.id} did not complete with ${providerId}: ${JSON.stringify(done.error ?? done).slice(0, 300)}`)
  }
  return { orderId: done.order.id, cartId: cart.id, completeMs: t3 - t2, completeAt: t2, checkoutMs: t3 - t0, paymentMs: t3 - t1 }
}

// ---- copies ----

interface TemplateRows {
  order: Record<string, any>
  summary: Record<string, any>
  item: Record<string, any>
  lineItem: Record<string, any>
  shipping: Record<string, any>
  shippingMethod: Record<string, any>
  link: Record<string, any>
  collection: Record<string, any>
  session: Record<string, any>
  payment?: Record<string, any>
  reservation?: Record<string, any>
  telegram?: Record<string, any>
  notices: Record<string, any>[]
  /** The plugin's shopper mails of the order (instructions sent, reminder queued …), copied as they are. */
  mails: Record<string, any>[]
}

async function one(client: PoolClient, sql: string, params: unknown[]): Promise<Record<string, any> | undefined> {
  return (await client.query(sql, params)).rows[0]
}

async function templateRows(client: PoolClient, orderId: string): Promise<TemplateRows> {
  const order = (await one(client, `select * from "order" where id = $1`, [orderId]))!
  const link = (await one(client, `select * from order_payment_collection where order_id = $1`, [orderId]))!
  const item = (await one(client, `select * from order_item where order_id = $1`, [orderId]))!
  const shipping = (await one(client, `select * from order_shipping where order_id = $1`, [orderId]))!
  const session = (await one(client, `select * from payment_session where payment_collection_id = $1`, [link.payment_collection_id]))!
  return {
    order,
    link,
    item,
    shipping,
    session,
    summary: (await one(client, `select * from order_summary where order_id = $1`, [orderId]))!,
    lineItem: (await one(client, `select * from order_line_item where id = $1`, [item.item_id]))!,
    shippingMethod: (await one(client, `select * from order_shipping_method where id = $1`, [shipping.shipping_method_id]))!,
    collection: (await one(client, `select * from payment_collection where id = $1`, [link.payment_collection_id]))!,
    payment: await one(client, `select * from payment where payment_session_id = $1`, [session.id]),
    reservation: await one(client, `select * from reservation_item where line_item_id = $1`, [item.item_id]),
    telegram: await one(client, `select * from paygent_telegram where payment_session_id = $1 order by started_at limit 1`, [session.id]),
    notices: (await client.query(`select * from paygent_notice where payment_session_id = $1 order by payment_notice_id`, [session.id])).rows,
    mails: (await client.query(`select * from paygent_shopper_mail where payment_session_id = $1 order by kind`, [session.id])).rows,
  }
}

/**
 * INSERT … SELECT from the template row, one row per element of the arrays: `replace` names the columns that get
 * per-row values (column → [pg array type, values]); every other column is copied, except `omit` (left to its
 * default, e.g. display_id).
 */
async function insertCopies(
  client: PoolClient,
  table: string,
  templateId: string,
  replace: Record<string, [string, unknown[]]>,
  omit: string[] = []
): Promise<void> {
  const { rows } = await client.query(
    `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table]
  )
  const names = Object.keys(replace)
  const columns = rows.map((r) => r.column_name as string).filter((c) => !omit.includes(c))
  const select = columns.map((c) => (names.includes(c) ? `u.${JSON.stringify(c)}` : `t.${JSON.stringify(c)}`))
  const unnest = names.map((name, i) => `$${i + 2}::${replace[name][0]}[]`).join(", ")
  const sql =
    `insert into ${JSON.stringify(table)} (${columns.map((c) => JSON.stringify(c)).join(", ")}) ` +
    `select ${select.join(", ")} from ${JSON.stringify(table)} t, unnest(${unnest}) as u(${names.map((n) => JSON.stringify(n)).join(", ")}) ` +
    `where t.id = $1`
  await client.query(sql, [templateId, ...names.map((n) => replace[n][1])])
}

export interface ClonedOrder {
  orderId: string
  collectionId: string
  sessionId: string
  paymentId?: string
  /** Konbini copies: the simulator's payment_id and the trading_id. */
  paygentPaymentId?: string
  tradingId?: string
}

export interface CloneOptions {
  /** created_at of copy i (default: now, in order). */
  createdAt?: (i: number) => Date
  /**
   * Paygent copies: Paygent's answer for each copy's trading_id (konbiniAtSimulator: a real 030 at the simulator;
   * fakePaygentIds: made-up payment_ids, for orders nothing will ask Paygent about).
   */
  paygent?: (tradingIds: string[]) => Promise<KonbiniAnswer[]>
  /** Copy the template's paygent_notice rows too, with payment_notice_ids from this number up (one per copy and row). */
  noticeIdsFrom?: number
  /** Rows per INSERT (default 2000). */
  chunk?: number
}

export interface KonbiniAnswer {
  payment_id: string
  receipt_number?: string
  receipt_print_url?: string
  payment_limit_date?: string
}

function isoDate(yyyymmdd: string | undefined): string | undefined {
  return yyyymmdd && /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : undefined
}

/** Makes `count` copies of an order placed through the store API (see the file's comment). */
export async function cloneOrders(app: BenchApp, templateOrderId: string, count: number, options: CloneOptions = {}): Promise<ClonedOrder[]> {
  const client = await app.db.connect()
  const out: ClonedOrder[] = []
  try {
    const tpl = await templateRows(client, templateOrderId)
    const chunk = options.chunk ?? 2000
    for (let start = 0; start < count; start += chunk) {
      const n = Math.min(chunk, count - start)
      const idx = Array.from({ length: n }, (_, k) => start + k)
      const at = idx.map((i) => options.createdAt?.(i) ?? new Date())
      const ms = at.map((d) => d.getTime())
      const ids = {
        order: ms.map((t) => newId(tpl.order.id, t)),
        summary: ms.map((t) => newId(tpl.summary.id, t)),
        item: ms.map((t) => newId(tpl.item.id, t)),
        lineItem: ms.map((t) => newId(tpl.lineItem.id, t)),
        shipping: ms.map((t) => newId(tpl.shipping.id, t)),
        shippingMethod: ms.map((t) => newId(tpl.shippingMethod.id, t)),
        shippingAddress: ms.map((t) => newId(tpl.order.shipping_address_id, t)),
        billingAddress: ms.map((t) => newId(tpl.order.billing_address_id, t)),
        link: ms.map((t) => newId(tpl.link.id, t)),
        collection: ms.map((t) => newId(tpl.collection.id, t)),
        session: ms.map((t) => newId(tpl.session.id, t)),
        payment: tpl.payment ? ms.map((t) => newId(tpl.payment!.id, t)) : [],
        reservation: tpl.reservation ? ms.map((t) => newId(tpl.reservation!.id, t)) : [],
        telegram: tpl.telegram ? ms.map((t) => newId(tpl.telegram!.id, t)) : [],
      }
      const tradingIds = ids.session.map((id) => tradingIdFor(id, 1))
      const answers = options.paygent ? await options.paygent(tradingIds) : undefined
      const rewrite = (template: Record<string, any> | null | undefined, k: number) => {
        const data = structuredClone(template ?? {})
        if (data.session_id) data.session_id = ids.session[k]
        if (data.paygent && answers) {
          const a = answers[k]
          data.paygent.trading_id = tradingIds[k]
          data.paygent.payment_id = a.payment_id
          if (data.paygent.instructions?.kind === "konbini") {
            data.paygent.instructions.receipt_number = a.receipt_number
            data.paygent.instructions.receipt_print_url = a.receipt_print_url
            data.paygent.instructions.payment_limit_date = isoDate(a.payment_limit_date) ?? data.paygent.instructions.payment_limit_date
          }
        }
        return JSON.stringify(data)
      }
      const sessionData = ids.session.map((_, k) => rewrite(tpl.session.data, k))

      await client.query("begin")
      const ts: [string, unknown[]] = ["timestamptz", at]
      await insertCopies(client, "order_address", tpl.order.shipping_address_id, { id: ["text", ids.shippingAddress], created_at: ts, updated_at: ts })
      await insertCopies(client, "order_address", tpl.order.billing_address_id, { id: ["text", ids.billingAddress], created_at: ts, updated_at: ts })
      await insertCopies(
        client,
        "order",
        tpl.order.id,
        {
          id: ["text", ids.order],
          shipping_address_id: ["text", ids.shippingAddress],
          billing_address_id: ["text", ids.billingAddress],
          created_at: ts,
          updated_at: ts,
        },
        ["display_id"]
      )
      await insertCopies(client, "order_summary", tpl.summary.id, { id: ["text", ids.summary], order_id: ["text", ids.order], created_at: ts, updated_at: ts })
      await insertCopies(client, "order_line_item", tpl.lineItem.id, { id: ["text", ids.lineItem], created_at: ts, updated_at: ts })
      await insertCopies(client, "order_item", tpl.item.id, {
        id: ["text", ids.item],
        order_id: ["text", ids.order],
        item_id: ["text", ids.lineItem],
        created_at: ts,
        updated_at: ts,
      })
      await insertCopies(client, "order_shipping_method", tpl.shippingMethod.id, { id: ["text", ids.shippingMethod], created_at: ts, updated_at: ts })
      await insertCopies(client, "order_shipping", tpl.shipping.id, {
        id: ["text", ids.shipping],
        order_id: ["text", ids.order],
        shipping_method_id: ["text", ids.shippingMethod],
        created_at: ts,
        updated_at: ts,
      })
      await insertCopies(client, "payment_collection", tpl.collection.id, { id: ["text", ids.collection], created_at: ts, updated_at: ts })
      await insertCopies(client, "order_payment_collection", tpl.link.id, {
        id: ["text", ids.link],
        order_id: ["text", ids.order],
        payment_collection_id: ["text", ids.collection],
        created_at: ts,
        updated_at: ts,
      })
      await insertCopies(client, "payment_session", tpl.session.id, {
        id: ["text", ids.session],
        payment_collection_id: ["text", ids.collection],
        data: ["jsonb", sessionData],
        created_at: ts,
        updated_at: ts,
      })
      if (tpl.payment) {
        await insertCopies(client, "payment", tpl.payment.id, {
          id: ["text", ids.payment],
          data: ["jsonb", ids.payment.map((_, k) => rewrite(tpl.payment!.data, k))],
          payment_collection_id: ["text", ids.collection],
          payment_session_id: ["text", ids.session],
          created_at: ts,
          updated_at: ts,
        })
      }
      if (tpl.reservation) {
        await insertCopies(client, "reservation_item", tpl.reservation.id, {
          id: ["text", ids.reservation],
          line_item_id: ["text", ids.lineItem],
          created_at: ts,
          updated_at: ts,
        })
      }
      if (tpl.telegram && answers) {
        await insertCopies(client, "paygent_telegram", tpl.telegram.id, {
          id: ["text", ids.telegram],
          trading_id: ["text", tradingIds],
          paygent_payment_id: ["text", answers.map((a) => a.payment_id)],
          payment_session_id: ["text", ids.session],
          medusa_payment_id: ["text", tpl.telegram.medusa_payment_id ? ids.payment : ids.session.map(() => null)],
          order_id: ["text", tpl.telegram.order_id ? ids.order : ids.session.map(() => null)],
          started_at: ts,
          finished_at: ts,
          created_at: ts,
          updated_at: ts,
        })
      }
      // Without them the shopper-mail job (every minute) would find the copies' instructions mails missing and queue
      // and send them, a few hundred a minute, while the bench measures.
      for (const mail of tpl.mails) {
        await insertCopies(client, "paygent_shopper_mail", mail.id, {
          id: ["text", ms.map((t) => newId(mail.id, t))],
          dedupe_key: ["text", ids.session.map((id) => `${id}:${mail.kind}`)],
          payment_session_id: ["text", ids.session],
          order_id: ["text", ids.order],
          created_at: ts,
          updated_at: ts,
        })
      }
      if (options.noticeIdsFrom !== undefined && answers) {
        for (const [j, notice] of tpl.notices.entries()) {
          const base = options.noticeIdsFrom + (start * tpl.notices.length) + j * n
          await insertCopies(client, "paygent_notice", notice.id, {
            id: ["text", ms.map((t) => newId(notice.id, t))],
            payment_notice_id: ["text", idx.map((_, k) => String(base + k).padStart(18, "0"))],
            paygent_payment_id: ["text", answers.map((a) => a.payment_id)],
            trading_id: ["text", tradingIds],
            payment_session_id: ["text", ids.session],
            order_id: ["text", ids.order],
            received_at: ts,
            applied_at: ts,
            created_at: ts,
            updated_at: ts,
          })
        }
      }
      await client.query("commit")
      for (let k = 0; k < n; k++) {
        out.push({
          orderId: ids.order[k],
          collectionId: ids.collection[k],
          sessionId: ids.session[k],
          paymentId: tpl.payment ? ids.payment[k] : undefined,
          paygentPaymentId: answers?.[k].payment_id,
          tradingId: answers ? tradingIds[k] : undefined,
        })
      }
    }
    // Reservations hold stock: keep the inventory level consistent with the copies.
    if (tpl.reservation) {
      await client.query(
        `update inventory_level set reserved_quantity = reserved_quantity + $1, raw_reserved_quantity = jsonb_build_object('value', (reserved_quantity + $1)::text, 'precision', 20)
         where inventory_item_id = $2 and location_id = $3`,
        [count * Number(tpl.reservation.quantity), tpl.reservation.inventory_item_id, tpl.reservation.location_id]
      )
    }
    await client.query("analyze")
  } catch (error) {
    await client.query("rollback").catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
  return out
}

/**
 * A client of the simulator: keep-alive for the bench's own telegrams (not what is measured); `keepAlive: false`
 * is the plugin's default, a new connection per telegram.
 */
export function benchClient(app: BenchApp, { keepAlive = true }: { keepAlive?: boolean } = {}): PaygentClient {
  const tls = app.sim.tls!
  return new PaygentClient({
    merchantId: KEYS.merchantId,
    connectId: KEYS.connectId,
    connectPassword: KEYS.connectPassword,
    baseUrl: app.sim.url,
    ca: tls.caPem,
    clientCertificate: { pem: tls.clientCertPem, key: tls.clientKeyPem, passphrase: tls.passphrase },
    keepAlive,
  })
}

/** Made-up Paygent payment_ids (orders the bench only reads). */
export function fakePaygentIds(from: number): (tradingIds: string[]) => Promise<KonbiniAnswer[]> {
  let next = from
  return async (tradingIds) => tradingIds.map(() => ({ payment_id: String(next++), receipt_number: "000000" }))
}

/** 030 for each trading_id at the simulator (the application the provider would have sent), 8 at a time. */
export function konbiniAtSimulator(client: PaygentClient, amount: number): (tradingIds: string[]) => Promise<KonbiniAnswer[]> {
  return async (tradingIds) => {
    const answers: KonbiniAnswer[] = new Array(tradingIds.length)
    let next = 0
    const worker = async () => {
      while (next < tradingIds.length) {
        const k = next++
        const answer = await client.konbiniApply({
          trading_id: tradingIds[k],
          payment_amount: amount,
          customer_family_name: BUYER.customer_family_name,
          customer_name: BUYER.customer_name,
          customer_family_name_kana: "ﾔﾏﾀﾞ",
          customer_name_kana: "ﾀﾛｳ",
          customer_tel: "09012345678",
          payment_limit_date: 7,
          cvs_company_id: "00C002",
        } as never)
        answers[k] = answer as unknown as KonbiniAnswer
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    return answers
  }
}

/**
 * Waits (up to 30 s) until the plugin has queued the shopper mails of an order just placed (its subscriber on
 * order.placed runs after the checkout answered), so that cloneOrders copies them too.
 */
export async function settleMails(app: BenchApp, orderId: string): Promise<number> {
  const until = Date.now() + 30_000
  for (;;) {
    const { rows } = await app.db.query(`select count(*)::int as n from paygent_shopper_mail where order_id = $1`, [orderId])
    if (rows[0].n > 0 || Date.now() > until) return rows[0].n
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
