import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import paygentReconcileJob from "../../src/jobs/paygent-reconcile"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { PaygentClient } from "../../src/paygent"
import { jstDay } from "../../src/reconciliation/range"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { TEST_KEYS, withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"

jest.setTimeout(240 * 1000)

// 決済照合: Medusa's payments against Paygent's view. 3-D Secure off keeps card orders short; notices are pushed to
// Medusa as Paygent would push them; the nightly job's schedule is off under tests, so it is called directly.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

const BUYER = {
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
}

const DAY_MS = 86_400_000

/** RFC 4180, as Excel reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        field += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ",") {
      row.push(field)
      field = ""
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      i++
    } else {
      field += c
    }
  }
  return rows
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const value = await probe()
    if (value) {
      return value
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: { headers: { authorization: string } }
    let noticeUrl: string
    /** Paygent Online's stand-in: a client of its own (no ledger), as the merchant's staff would act in Paygent's console. */
    let backOffice: PaygentClient

    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)
    const today = () => jstDay(new Date())

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      admin = (await createAdminUser(api, container())).headers
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
      const tls = sim().tls!
      backOffice = new PaygentClient({
        merchantId: TEST_KEYS.merchantId,
        connectId: TEST_KEYS.connectId,
        connectPassword: TEST_KEYS.connectPassword,
        baseUrl: sim().url,
        ca: tls.caPem,
        clientCertificate: { pem: tls.clientCertPem, key: tls.clientKeyPem, passphrase: tls.passphrase },
      })
    })

    afterAll(async () => {
      await backOffice?.close()
    })

    beforeEach(() => {
      sim().control.reset()
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
    })

    afterEach(async () => {
      await sim().control.waitForPushes(15_000)
    })

    // ---- helpers ----

    function cardToken(cardNumber = "4923000000001111") {
      const token = sim().control.createToken({ card_number: cardNumber, expire_month: "12", expire_year: "30", cvc: "123", name: "TARO YAMADA" })
      return {
        card_token: token.token,
        masked_card_number: token.masked_card_number,
        valid_until: token.valid_until,
        fingerprint: token.fingerprint,
        token_hc: token.hc,
      }
    }

    async function orderOf(orderId: string) {
      const query = container().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: [
          "id",
          "display_id",
          "status",
          "payment_collections.payments.*",
          "payment_collections.payments.captures.*",
          "payment_collections.payment_sessions.*",
        ],
        filters: { id: orderId },
      })
      const order = data[0] as any
      const collection = order.payment_collections[0]
      return { order, payment: collection.payments[0], session: collection.payment_sessions[0] }
    }

    /** A card order at オーソリOK (¥3,000). */
    async function cardOrder() {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.card, cardToken())
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const { order, payment } = await orderOf(completed.order.id)
      return { orderId: order.id as string, displayId: order.display_id as number, payment, paygentId: payment.data.paygent.payment_id as string }
    }

    /** A konbini order (入金待ち). */
    async function konbiniOrder() {
      const shopper = new Shopper(api, store)
      const cart = await shopper.cart()
      await shopper.pay(cart.id, PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const { session } = await orderOf(completed.order.id)
      return { orderId: completed.order.id as string, paygentId: session.data.paygent.payment_id as string }
    }

    async function paidKonbiniOrder() {
      const konbini = await konbiniOrder()
      sim().control.pay(konbini.paygentId)
      await waitFor("the konbini order to be paid by its notice", async () => {
        const { payment } = await orderOf(konbini.orderId)
        return payment?.captured_at ? payment : undefined
      })
      return konbini
    }

    async function report(from = today(), to = today()) {
      const { data } = await api.get(`/admin/paygent/reconciliation?from=${from}&to=${to}`, admin)
      return data
    }

    function rowOf(data: any, paymentId: string) {
      return data.rows.find((r: any) => r.payment_id === paymentId)
    }

    async function csv(from = today(), to = today()) {
      const response = await api.get(`/admin/paygent/reconciliation.csv?from=${from}&to=${to}`, { ...admin, responseType: "arraybuffer" })
      const bytes = Buffer.from(response.data)
      const table = parseCsv(bytes.subarray(3).toString("utf8"))
      const header = table[0]
      return {
        response,
        bytes,
        header,
        rows: table.slice(1),
        cell: (row: string[], name: string) => row[header.indexOf(name)],
      }
    }

    // ---- tests ----

    it("reconciles cleanly: card authorized, card captured, konbini paid by its notice, a cancelled order", async () => {
      const authorized = await cardOrder()
      const captured = await cardOrder()
      await api.post(`/admin/payments/${captured.payment.id}/capture`, {}, admin)
      const konbini = await paidKonbiniOrder()
      const canceled = await cardOrder()
      await api.post(`/admin/paygent/orders/${canceled.orderId}/cancel`, {}, admin)
      await sim().control.waitForPushes()

      const before = sim().control.listTelegrams().length
      const data = await report()
      // The report only reads: one 094 per payment, nothing else sent, nothing changed.
      const sent = sim().control.listTelegrams().slice(before)
      expect(sent.map((t: any) => t.telegram_kind)).toEqual(["094", "094", "094", "094"])

      expect(data.range).toMatchObject({ from: today(), to: today(), timezone: "Asia/Tokyo" })
      expect(data.summary).toMatchObject({
        payments: 4,
        matched: 4,
        discrepancies: 0,
        paygent_only: 0,
        inquiries: 4,
        inquiry_errors: 0,
        truncated: false,
        manual_refunds: { owed: 0 },
      })
      expect(data.summary.notices.in_range).toBeGreaterThan(0)
      expect(data.rows.every((r: any) => r.discrepancy === null)).toBe(true)
      expect(rowOf(data, authorized.paygentId)).toMatchObject({
        order_id: authorized.orderId,
        order_display_id: authorized.displayId,
        payment_status: "20",
        payment_status_label: { ja: "オーソリOK" },
        payment_type_label: { ja: "クレジットカード決済" },
        medusa_side: "authorized",
        payment_amount: 3000,
        expected_amount: 3000,
        difference: 0,
        explanation: { ja: "一致しています。", en: "Medusa and Paygent agree." },
      })
      expect(rowOf(data, authorized.paygentId).payment_init_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/)
      expect(rowOf(data, captured.paygentId)).toMatchObject({ payment_status: "40", medusa_side: "captured", medusa_captured: 3000 })
      expect(rowOf(data, captured.paygentId).payment_date).toBeTruthy()
      expect(rowOf(data, konbini.paygentId)).toMatchObject({
        payment_status: "40",
        payment_type: "03",
        medusa_side: "captured",
        last_notice_status: "40",
        notices_unapplied: 0,
      })
      expect(rowOf(data, canceled.paygentId)).toMatchObject({ payment_status: "32", medusa_side: "canceled", order_status: "canceled" })
      expect(data.columns).toContainEqual({ key: "payment_id", ja: "決済ID", en: "Payment ID" })

      // The report's 094s are in the ledger like every telegram of the plugin.
      const pg = container().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      const { rows: inquiries } = await pg.raw("select source, outcome from paygent_telegram where telegram_kind = '094'")
      expect(inquiries.length).toBeGreaterThanOrEqual(4)

      // The nightly job finds nothing to raise.
      const run = await paygentReconcileJob(container(), { now: new Date(Date.now() + DAY_MS) })
      expect(run).toMatchObject({ from: today(), to: today(), alert_raised: false, summary: { discrepancies: 0, payments: 4 } })
      expect(await paygent().listPaygentAlerts({ kind: "reconciliation_mismatch" })).toHaveLength(0)
    })

    it("catches what changed behind Medusa's back, an amount change, a payment without order — in JSON, CSV and the nightly alert", async () => {
      const clean = await cardOrder()
      // Paygent Online: 売上 (022) and オーソリ取消 (021) that Medusa never sent, and a 補正オーソリ (028) to ¥2,000.
      const capturedBehind = await cardOrder()
      await backOffice.cardCapture({ payment_id: capturedBehind.paygentId })
      const voidedBehind = await cardOrder()
      await backOffice.cardCancelAuthorization({ payment_id: voidedBehind.paygentId })
      const changedBehind = await cardOrder()
      const change = await backOffice.cardChangeAuthorization({ payment_id: changedBehind.paygentId, payment_amount: 2000, reduction_flag: "0" })
      // A card payment made at Paygent for no order of this shop.
      const foreign = await backOffice.cardAuthorize({
        trading_id: "PAYGENTONLINE_0001",
        payment_amount: 5000,
        "3dsecure_ryaku": "1",
        card_token: cardToken("3530111333300000").card_token,
      })
      await sim().control.waitForPushes()
      expect(sim().control.getPayment(capturedBehind.paygentId)!.payment_status).toBe("40")
      expect(sim().control.getPayment(voidedBehind.paygentId)!.payment_status).toBe("32")

      const data = await report()
      expect(data.summary).toMatchObject({
        payments: 5,
        matched: 1,
        discrepancies: 4,
        paygent_only: 1,
        by_kind: { captured_at_paygent_only: 1, canceled_at_paygent_only: 1, amount_mismatch: 1, paygent_only: 1 },
      })
      expect(rowOf(data, clean.paygentId).discrepancy).toBeNull()

      const capturedRow = rowOf(data, capturedBehind.paygentId)
      expect(capturedRow).toMatchObject({
        discrepancy: "captured_at_paygent_only",
        severity: "warning",
        payment_status: "40",
        medusa_side: "authorized",
        medusa_captured: 0,
        order_id: capturedBehind.orderId,
      })
      expect(capturedRow.explanation.ja).toMatch(/ペイジェントでは売上・入金済み（40 消込済、¥3,000）ですが、Medusa では「オーソリ済み」のままです/)
      expect(capturedRow.explanation.en).toMatch(/Paygent shows it captured/)
      // The pushed notice of the capture was recorded on Medusa's copy of the status; Medusa's money records were not.
      expect(capturedRow.medusa_recorded_status).toBe("40")
      expect((await orderOf(capturedBehind.orderId)).payment.captured_at).toBeNull()

      expect(rowOf(data, voidedBehind.paygentId)).toMatchObject({
        discrepancy: "canceled_at_paygent_only",
        severity: "critical",
        payment_status: "32",
        medusa_side: "authorized",
        expected_amount: 3000,
      })

      // The amount change made a new payment_id with the same trading_id; the report follows it.
      const changedRow = rowOf(data, change.payment_id)
      expect(changedRow).toMatchObject({
        discrepancy: "amount_mismatch",
        compared_payment_id: change.payment_id,
        medusa_payment_id: changedBehind.payment.id,
        payment_amount: 2000,
        expected_amount: 3000,
        difference: -1000,
      })
      expect(changedRow.explanation.ja).toMatch(/金額が一致しません: ペイジェント ¥2,000、Medusa ¥3,000、差額 ¥-1,000/)
      expect(rowOf(data, changedBehind.paygentId)).toBeUndefined()

      const foreignRow = rowOf(data, foreign.payment_id)
      expect(foreignRow).toMatchObject({
        row_type: "paygent_only",
        discrepancy: "paygent_only",
        trading_id: "PAYGENTONLINE_0001",
        payment_amount: 5000,
        order_id: null,
      })
      expect(foreignRow.explanation.ja).toMatch(/対応する Medusa の注文がありません/)

      // Discrepancies first, the matching payment last.
      expect(data.rows.map((r: any) => r.discrepancy).slice(-1)).toEqual([null])

      // CSV: BOM for Excel, Japanese headers named as in Paygent Online, one line per row.
      const sheet = await csv()
      expect(sheet.response.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/)
      expect(sheet.response.headers["content-disposition"]).toBe(
        `attachment; filename="paygent-reconciliation_${today()}_${today()}.csv"`
      )
      expect([...sheet.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(sheet.header.slice(0, 10)).toEqual([
        "照合結果",
        "不一致の種類",
        "不一致コード",
        "説明",
        "決済ID",
        "マーチャント取引ID",
        "決済種別",
        "決済ステータス",
        "ステータスコード",
        "決済金額",
      ])
      expect(sheet.rows).toHaveLength(5)
      const line = sheet.rows.find((row) => sheet.cell(row, "決済ID") === capturedBehind.paygentId)!
      expect(sheet.cell(line, "照合結果")).toBe("不一致")
      expect(sheet.cell(line, "不一致の種類")).toBe("ペイジェントのみ売上・入金済み")
      expect(sheet.cell(line, "決済種別")).toBe("クレジットカード決済")
      expect(sheet.cell(line, "決済ステータス")).toBe("消込済")
      expect(sheet.cell(line, "決済金額")).toBe("3000")
      expect(sheet.cell(line, "注文番号")).toBe(String(capturedBehind.displayId))
      expect(sheet.cell(line, "Medusa の状態")).toBe("オーソリ済み")
      expect(sheet.cell(line, "申込日時")).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/)
      expect(sheet.cell(line, "売上日時/支払日時")).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/)
      const amountLine = sheet.rows.find((row) => sheet.cell(row, "決済ID") === change.payment_id)!
      expect(sheet.cell(amountLine, "差額")).toBe("-1000")

      // The nightly job, for the day before "tomorrow": one alert, not raised twice.
      const run = await paygentReconcileJob(container(), { now: new Date(Date.now() + DAY_MS) })
      expect(run).toMatchObject({ from: today(), alert_raised: true, summary: { discrepancies: 4 } })
      const { data: open } = await api.get("/admin/paygent/alerts?resolved=false", admin)
      const alert = open.alerts.find((a: any) => a.kind === "reconciliation_mismatch")
      expect(alert).toMatchObject({ severity: "critical", dedupe_key: `reconciliation_mismatch:${today()}:${today()}` })
      expect(alert.message_ja).toMatch(/不一致が見つかりました/)
      expect(alert.message_ja).toMatch(/ペイジェントのみ売上・入金済み 1 件/)
      expect(alert.message_en).toContain(`/admin/paygent/reconciliation?from=${today()}&to=${today()}`)
      expect(alert.data.summary.discrepancies).toBe(4)
      expect(alert.data.rows.map((r: any) => r.discrepancy).sort()).toEqual(
        ["amount_mismatch", "canceled_at_paygent_only", "captured_at_paygent_only", "paygent_only"]
      )
      const again = await paygentReconcileJob(container(), { now: new Date(Date.now() + DAY_MS) })
      expect(again).toMatchObject({ alert_raised: false })
      expect(await paygent().listPaygentAlerts({ kind: "reconciliation_mismatch" })).toHaveLength(1)
      // A scheduled call does nothing while the nightly job is off (NODE_ENV=test).
      expect(await paygentReconcileJob(container(), { scheduledFor: new Date() })).toBeUndefined()

      // The fixes docs/operations/reconciliation.md gives: refresh (094) then capture records Paygent's capture in
      // Medusa without sending a second 022; the plugin's cancel cancels the order Paygent already cancelled.
      await api.post(`/admin/paygent/orders/${capturedBehind.orderId}/refresh`, {}, admin)
      const fixCapture = await api.post(`/admin/paygent/orders/${capturedBehind.orderId}/capture`, {}, admin)
      expect(fixCapture.data.plan.operations[0]).toMatchObject({ action: "record_only", telegram: null })
      await api.post(`/admin/paygent/orders/${voidedBehind.orderId}/refresh`, {}, admin)
      await api.post(`/admin/paygent/orders/${voidedBehind.orderId}/cancel`, {}, admin)
      const sentKinds = (kind: string, id: string) =>
        sim().control.listTelegrams().filter((t: any) => t.telegram_kind === kind && t.params.payment_id === id)
      expect(sentKinds("022", capturedBehind.paygentId)).toHaveLength(1)
      expect(sentKinds("021", voidedBehind.paygentId)).toHaveLength(1)
      expect((await orderOf(voidedBehind.orderId)).order.status).toBe("canceled")
      const fixed = await report()
      expect(rowOf(fixed, capturedBehind.paygentId)).toMatchObject({ discrepancy: null, medusa_side: "captured" })
      expect(rowOf(fixed, voidedBehind.paygentId)).toMatchObject({ discrepancy: null, medusa_side: "canceled" })
      expect(fixed.summary.discrepancies).toBe(2)
    })

    it("lists manual refunds owed beside the payment they belong to", async () => {
      const konbini = await paidKonbiniOrder()
      await api.post(`/admin/paygent/orders/${konbini.orderId}/cancel`, {}, admin)

      const data = await report()
      const payment = data.rows.find((r: any) => r.row_type === "payment")
      // Paygent keeps the ¥3,000 (no refund telegram for konbini); it is owed back by hand, so the payment matches.
      expect(payment).toMatchObject({
        payment_id: konbini.paygentId,
        discrepancy: null,
        medusa_side: "refunded",
        manual_refund_amount: 3000,
        manual_refund_status: "owed",
      })
      const refund = data.rows.find((r: any) => r.row_type === "manual_refund")
      expect(refund).toMatchObject({
        discrepancy: "manual_refund_owed",
        manual_refund_amount: 3000,
        manual_refund_status: "owed",
        manual_refund_reason: "no_api_refund",
        order_id: konbini.orderId,
        customer_name: "山田 太郎",
      })
      expect(refund.explanation.ja).toMatch(/手動返金が未完了です（¥3,000/)
      expect(data.summary).toMatchObject({ discrepancies: 0, manual_refunds: { owed: 1, owed_amount: 3000 } })

      const sheet = await csv()
      const line = sheet.rows.find((row) => sheet.cell(row, "照合結果") === "手動返金")!
      expect(sheet.cell(line, "手動返金状態")).toBe("未返金")
      expect(sheet.cell(line, "手動返金理由")).toBe("返金電文なし（コンビニ・ATM・ネットバンキング）")

      // Owed refunds alone raise no mismatch alert (they are listed, and known).
      const run = await paygentReconcileJob(container(), { now: new Date(Date.now() + DAY_MS) })
      expect(run).toMatchObject({ alert_raised: false, summary: { manual_refunds: { owed: 1 } } })
    })

    it("validates the range, requires an admin, and defaults to yesterday", async () => {
      const bad = async (query: string) => (await api.get(`/admin/paygent/reconciliation?${query}`, admin).catch((e: any) => e)).response
      const impossible = await bad("from=2026-02-30")
      expect(impossible.status).toBe(400)
      expect(impossible.data.message).toMatch(/from/)
      expect((await bad("from=2026-11-28&to=2026-11-01")).data.message).toMatch(/to must not be before from/)
      expect((await bad("from=2026-01-01&to=2026-03-31")).data.message).toMatch(/31/)
      expect((await bad("from=2026/11/01")).status).toBe(400)
      expect((await bad("from=2026-11-01&order=x")).status).toBe(400)
      const csvBad = await api.get("/admin/paygent/reconciliation.csv?to=x", admin).catch((e: any) => e)
      expect(csvBad.response.status).toBe(400)

      const anonymous = await api.get("/admin/paygent/reconciliation").catch((e: any) => e)
      expect(anonymous.response.status).toBe(401)
      const anonymousCsv = await api.get("/admin/paygent/reconciliation.csv").catch((e: any) => e)
      expect(anonymousCsv.response.status).toBe(401)

      const { data } = await api.get("/admin/paygent/reconciliation", admin)
      const yesterday = jstDay(new Date(Date.now() - DAY_MS))
      expect(data.range).toMatchObject({ from: yesterday, to: yesterday })
      expect(data.summary).toMatchObject({ payments: 0, discrepancies: 0 })
    })
  },
})
