import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { getOrderDetailWorkflow } from "@medusajs/medusa/core-flows"
import { mailbox, type CaughtMail } from "../../scripts/demo/mailbox-provider/store"
import paygentShopperMailsJob from "../../src/jobs/paygent-shopper-mails"
import { PAYGENT_MODULE } from "../../src/modules/paygent"
import type PaygentModuleService from "../../src/modules/paygent/service"
import { deliverMail } from "../../src/shopper-mails/deliver"
import { queueAndSend } from "../../src/shopper-mails/queue"
import { createAdminUser } from "../helpers/admin-auth"
import { explainAxiosErrors } from "../helpers/api-errors"
import { BUYER, cardTokenData } from "../helpers/card-token"
import { withPaygentSimulator } from "../helpers/paygent-app"
import { PAYGENT_PROVIDER_IDS, seedJapaneseStore, SeededStore } from "../helpers/seed-store"
import { Shopper } from "../helpers/shopper"
import { noticeRecordOf, postNotice as postSignedNotice, waitFor } from "../helpers/wait-and-notices"

jest.setTimeout(240 * 1000)

// Card payments without 3-D Secure keep the card case short. The mail job and the sync job are off under tests
// (medusa-config.ts): every run below is a direct call, with the time the reminders are compared with.
const { sim } = withPaygentSimulator({ PAYGENT_3DS_MODE: "disabled" })

const SHOPPER = "taro@example.jp"
const DAY_MS = 24 * 60 * 60 * 1000

/** The text of an HTML element of a caught mail, by its data-key (the numbers the mail shows). */
function numberIn(mail: CaughtMail, key: string): string | undefined {
  return new RegExp(`data-key="${key}"[^>]*>([^<]*)<`).exec(mail.html ?? "")?.[1]
}

const kindOf = (mail: CaughtMail) => (mail.data as { kind?: string } | null)?.kind

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper
    let noticeUrl: string
    let admin: { headers: { authorization: string } }

    const container = (): MedusaContainer => getContainer()
    const paygent = () => container().resolve<PaygentModuleService>(PAYGENT_MODULE)
    const job = async (now?: Date) => (await paygentShopperMailsJob(container(), now ? { now } : undefined))!

    beforeAll(async () => {
      explainAxiosErrors(api)
      store = await seedJapaneseStore(container())
      noticeUrl = `${api.defaults.baseURL}/paygent/notice`
      admin = (await createAdminUser(api, container())).headers
    })

    beforeEach(() => {
      shopper = new Shopper(api, store)
      mailbox.clear()
      sim().control.reset()
      sim().control.setPush({ url: noticeUrl, enabled: true, paused: false })
    })

    afterEach(async () => {
      await sim().control.waitForPushes(15_000)
    })

    // ---- helpers ----

    async function placeOrder(providerId: string, data: Record<string, unknown> = BUYER, cartBody: Record<string, unknown> = {}) {
      const cart = await shopper.cart()
      if (Object.keys(cartBody).length) {
        await shopper.updateCart(cart.id, cartBody)
      }
      await shopper.pay(cart.id, providerId, data)
      const completed = await shopper.complete(cart.id)
      expect(completed.type).toBe("order")
      const order = await orderOf(completed.order.id)
      return { orderId: completed.order.id as string, displayId: order.display_id as number, session: order.session }
    }

    async function orderOf(orderId: string) {
      const { result } = await getOrderDetailWorkflow(container()).run({
        input: { order_id: orderId, fields: ["id", "display_id", "status", "locale", "payment_collections.payment_sessions.*"] },
      })
      const order = result as any
      return { ...order, session: order.payment_collections[0].payment_sessions[0] }
    }

    async function rows(orderId: string) {
      return (await paygent().listPaygentShopperMails({ order_id: orderId }, { order: { created_at: "ASC" } })) as any[]
    }

    async function row(orderId: string, kind: string) {
      return (await rows(orderId)).find((r) => r.kind === kind && r.reason !== "resend")
    }

    /** The mail's row once its sender has recorded it sent (the provider has it a moment before). */
    const sentRow = (orderId: string, kind: string) =>
      waitFor(`the ${kind} mail of ${orderId} recorded as sent`, async () => {
        const r = await row(orderId, kind)
        return r?.status === "sent" ? r : undefined
      })

    const mailsOf = (orderId: string, kind?: string) =>
      mailbox.list().filter((mail) => (mail.data as any)?.order?.id === orderId && (!kind || kindOf(mail) === kind))

    /** Waits for the mail of a kind, then returns every mail of that kind for the order (to check it came once). */
    async function arrived(orderId: string, kind: string): Promise<CaughtMail[]> {
      await waitFor(`the ${kind} mail of ${orderId}`, () => mailsOf(orderId, kind).length > 0)
      return mailsOf(orderId, kind)
    }

    async function notifications(orderId: string) {
      return (await container()
        .resolve<INotificationModuleService>(Modules.NOTIFICATION)
        .listNotifications({ resource_id: orderId } as never, { take: 100 })) as any[]
    }

    const recordOf = (paymentId: string, status: string) => noticeRecordOf(sim(), paymentId, status)
    const postNotice = (items: Record<string, string>) => postSignedNotice(noticeUrl, items)

    /** 00:00 JST of the day `days` before a YYYY-MM-DD day. */
    const startOfJstDayBefore = (day: string, days: number) => new Date(new Date(`${day}T00:00:00+09:00`).getTime() - days * DAY_MS)

    // ---- each kind, once, with the right data ----

    it("konbini: the instructions at once, the reminder on the day before the deadline (not earlier, once), the paid mail once", async () => {
      const { orderId, displayId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const instructions = session.data.paygent.instructions

      const [mail, ...more] = await arrived(orderId, "instructions")
      expect(more).toHaveLength(0)
      expect(mail).toMatchObject({ to: SHOPPER, channel: "email", template: "paygent-payment-instructions" })
      // Japanese by default: Lawson's お支払い受付番号 and the phone number, the deadline, Loppi's steps.
      expect(mail.subject).toBe(`【メデューサ商店】お支払い方法のご案内（ご注文番号 #${displayId}）：ローソンでのお支払い`)
      expect(numberIn(mail, "receipt_number")).toBe(instructions.receipt_number)
      expect(numberIn(mail, "phone")).toBe("09012345678")
      expect(mail.text).toContain(`お支払い受付番号：${instructions.receipt_number}`)
      expect(mail.text).toMatch(new RegExp(`お支払い期限：${instructions.payment_limit_date.replace(/-/g, "").replace(/^(\d{4})(\d{2})(\d{2})$/, "$1年$2月$3日")} 23:59まで`))
      expect(mail.text).toContain("Loppi")
      expect(mail.text).toContain("山田 太郎 様")
      expect(mail.data).toMatchObject({ kind: "instructions", locale: "ja", method: "konbini", order: { id: orderId, display_id: displayId, total: expect.any(Number) } })
      expect((mail.data as any).instructions.numbers.map((n: any) => n.key)).toEqual(["receipt_number", "phone"])

      // The reminder is queued for 00:00 JST of the day before the last day to pay.
      const reminder = await row(orderId, "reminder")
      const due = startOfJstDayBefore(instructions.payment_limit_date, 1)
      expect(new Date(reminder.due_at).toISOString()).toBe(due.toISOString())
      expect(reminder.status).toBe("pending")

      await job(new Date(due.getTime() - 60_000))
      expect(mailsOf(orderId, "reminder")).toHaveLength(0)
      expect((await job(new Date(due.getTime() + 60_000))).sent).toBe(1)
      await job(new Date(due.getTime() + 120_000))
      const reminders = mailsOf(orderId, "reminder")
      expect(reminders).toHaveLength(1)
      expect(reminders[0].subject).toBe(`【メデューサ商店】お支払い期限が近づいています（ご注文番号 #${displayId}）`)
      expect(numberIn(reminders[0], "receipt_number")).toBe(instructions.receipt_number)

      // Paid: one mail, also when Paygent sends the same notice again and the order's event comes twice.
      sim().control.pay(session.data.paygent.payment_id)
      const [paid, ...paidMore] = await arrived(orderId, "paid")
      expect(paidMore).toHaveLength(0)
      expect(paid).toMatchObject({ to: SHOPPER, template: "paygent-payment-received" })
      expect(paid.subject).toBe(`【メデューサ商店】ご入金を確認しました（ご注文番号 #${displayId}）`)
      expect(await postNotice(recordOf(session.data.paygent.payment_id, "40"))).toBe("result=0")
      await queueAndSend(container(), [orderId])
      await job()
      await sentRow(orderId, "paid")
      expect(mailsOf(orderId).map(kindOf)).toEqual(["instructions", "reminder", "paid"])
      // Medusa's notification log: one successful notification per mail.
      const sent = await notifications(orderId)
      expect(sent.map((n) => n.status)).toEqual(["success", "success", "success"])
      expect(new Set(sent.map((n) => n.idempotency_key)).size).toBe(3)
      expect((await rows(orderId)).map((r) => [r.kind, r.status, r.attempts])).toEqual([
        ["instructions", "sent", 1],
        ["reminder", "sent", 1],
        ["paid", "sent", 1],
      ])
    })

    it("Pay-easy in English (the order's locale): 収納機関番号 / お客様番号 / 確認番号, the deadline, ATM and online-banking steps", async () => {
      const { orderId, displayId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.payeasy, BUYER, { locale: "en-US" })
      expect((await orderOf(orderId)).locale).toBe("en-US")
      const instructions = session.data.paygent.instructions
      const [mail] = await arrived(orderId, "instructions")
      expect(mail.subject).toBe(`[メデューサ商店] How to pay for order #${displayId}: Pay with Pay-easy`)
      expect(numberIn(mail, "pay_center_number")).toBe(instructions.pay_center_number)
      expect(numberIn(mail, "customer_number")).toBe(instructions.customer_number)
      expect(numberIn(mail, "conf_number")).toBe(instructions.conf_number)
      expect(mail.text).toContain(`Biller number (収納機関番号): ${instructions.pay_center_number}`)
      expect(mail.text).toContain("Pay-easy mark")
      expect(mail.text).toContain("online or mobile banking")
      expect(mail.text).toMatch(/Payment deadline: Pay by \d{1,2} [A-Z][a-z]{2} \d{4}, 23:59 JST/)
      expect(mail.data).toMatchObject({ locale: "en", method: "payeasy" })

      sim().control.pay(session.data.paygent.payment_id)
      const [paid] = await arrived(orderId, "paid")
      expect(paid.subject).toBe(`[メデューサ商店] Payment received for order #${displayId}`)
      // The reminder was made moot by the payment and is not sent at its time.
      const reminder = await waitFor("the reminder to be skipped", async () => {
        const r = await row(orderId, "reminder")
        return r?.status === "skipped" ? r : undefined
      })
      expect(reminder.skip_reason).toBe("paid")
      await job(new Date(new Date(reminder.due_at).getTime() + 60_000))
      expect(mailsOf(orderId).map(kindOf)).toEqual(["instructions", "paid"])
    })

    it("net bank: the bank screen link while it is valid; no reminder once the screen has closed", async () => {
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.banknet)
      const instructions = session.data.paygent.instructions
      const [mail] = await arrived(orderId, "instructions")
      expect(mail.html).toContain(`data-key="bank_selection" href="${instructions.asp_url.replace(/&/g, "&#38;")}"`)
      expect(mail.text).toContain(`お支払い手続きへ進む（銀行を選択）：${instructions.asp_url}`)
      const closes = /^\d{4}-\d{2}-\d{2}$/.test(instructions.asp_limit_date)
        ? new Date(`${instructions.asp_limit_date}T23:59:59+09:00`)
        : new Date(instructions.asp_limit_date)
      const reminder = await row(orderId, "reminder")
      expect(new Date(reminder.due_at).getTime()).toBe(closes.getTime() - DAY_MS)
      // Past the screen's validity the reminder would give a dead link: skipped.
      await job(new Date(closes.getTime() + 60_000))
      expect(mailsOf(orderId, "reminder")).toHaveLength(0)
      expect(await row(orderId, "reminder")).toMatchObject({ status: "skipped", skip_reason: "deadline_passed", attempts: 0 })
    })

    it("an expired konbini order: the expired mail once, the reminder skipped; a card order gets no mail", async () => {
      const { orderId, displayId } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
      await arrived(orderId, "instructions")
      await sim().control.advanceClock({ days: 8 })
      await sim().control.waitForPushes()
      const [expired, ...more] = await arrived(orderId, "canceled")
      expect(more).toHaveLength(0)
      expect(expired.template).toBe("paygent-payment-canceled")
      expect(expired.subject).toBe(`【メデューサ商店】お支払い期限を過ぎたため、ご注文を取り消しました（ご注文番号 #${displayId}）`)
      expect(expired.data).toMatchObject({ kind: "canceled", reason: "expired" })
      expect(await row(orderId, "reminder")).toMatchObject({ status: "skipped", skip_reason: "canceled" })
      await job(new Date(Date.now() + 10 * DAY_MS))
      expect(mailsOf(orderId).map(kindOf)).toEqual(["instructions", "canceled"])

      const card = await placeOrder(PAYGENT_PROVIDER_IDS.card, await cardTokenData(sim()))
      await queueAndSend(container(), [card.orderId])
      await job()
      expect(await rows(card.orderId)).toEqual([])
      expect(mailsOf(card.orderId)).toEqual([])
    })

    it("a provider with its own templates: the template ids of the options and their data, without content", async () => {
      const service = paygent()
      const original = service.shopperMailOptions.bind(service)
      service.shopperMailOptions = () => ({
        ...original(),
        templates: { ...original().templates, instructions: "d-konbini-howto" },
        sendContent: false,
      })
      try {
        const { orderId, displayId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C001" })
        const [mail] = await arrived(orderId, "instructions")
        expect(mail).toMatchObject({ template: "d-konbini-howto", subject: null, html: null, text: null })
        const data = mail.data as any
        expect(data).toMatchObject({ kind: "instructions", locale: "ja", shop_name: "メデューサ商店", order: { display_id: displayId } })
        expect(data.subject).toContain(`ご注文番号 #${displayId}`)
        expect(data.instructions.numbers).toEqual([
          { key: "receipt_number", label: "払込票番号", value: session.data.paygent.instructions.receipt_number },
        ])
        expect(data.instructions.deadline.iso).toBe(session.data.paygent.instructions.payment_limit_date)
        expect(await sentRow(orderId, "instructions")).toMatchObject({ template: "d-konbini-howto" })
      } finally {
        service.shopperMailOptions = original
      }
    })

    // ---- exactly once with two instances ----

    it("sends each mail once when the same events, job runs and sends happen at the same time", async () => {
      // What two instances share is the database: a mail is queued by an INSERT that ignores an existing dedupe_key
      // and claimed by a conditional UPDATE. Concurrent calls in one process race on those statements through
      // separate pooled connections exactly as two processes would, so they stand in for two instances here.
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C005" })
      await Promise.all([
        ...Array.from({ length: 4 }, () => queueAndSend(container(), [orderId])),
        ...Array.from({ length: 3 }, () => job()),
      ])
      await arrived(orderId, "instructions")
      const reminder = await row(orderId, "reminder")
      const at = new Date(new Date(reminder.due_at).getTime() + 60_000)
      const sends = await Promise.all([
        job(at),
        job(at),
        job(at),
        deliverMail(container(), reminder.id, at),
        deliverMail(container(), reminder.id, at),
      ])
      expect(sends.filter((s: any) => s.sent === 1 || s.outcome === "sent")).toHaveLength(1)

      sim().control.setPush({ enabled: false })
      sim().control.pay(session.data.paygent.payment_id)
      const items = recordOf(session.data.paygent.payment_id, "40")
      // The paid notice delivered to both instances at once, and again later.
      expect(await Promise.all([postNotice(items), postNotice(items)])).toEqual(["result=0", "result=0"])
      await arrived(orderId, "paid")
      await Promise.all([postNotice(items), queueAndSend(container(), [orderId]), job(), job()])
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(mailsOf(orderId).map(kindOf)).toEqual(["instructions", "reminder", "paid"])
      expect((await notifications(orderId)).map((n) => n.status)).toEqual(["success", "success", "success"])
    })

    // ---- failures ----

    it("retries a failed send with back-off, then gives up with an alert in the 決済処理中 inbox; the order is unaffected", async () => {
      mailbox.failNext(2, "SMTP 421 service not available")
      const { orderId } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      const first = await waitFor("the first attempt to fail", async () => {
        const r = await row(orderId, "instructions")
        return r?.attempts === 1 && r.status === "pending" ? r : undefined
      })
      expect(first.last_error).toContain("SMTP 421")
      expect(new Date(first.due_at).getTime()).toBeGreaterThan(Date.now())
      // Not before its back-off; then again (fails), then sent.
      await job()
      expect((await row(orderId, "instructions")).attempts).toBe(1)
      await job(new Date(Date.now() + 2 * 60_000))
      expect(await row(orderId, "instructions")).toMatchObject({ status: "pending", attempts: 2 })
      await job(new Date(Date.now() + 10 * 60_000))
      expect(await row(orderId, "instructions")).toMatchObject({ status: "sent", attempts: 3, last_error: null })
      expect(mailsOf(orderId, "instructions")).toHaveLength(1)
      expect((await notifications(orderId)).map((n) => n.status).sort()).toEqual(["failure", "failure", "success"])

      // A provider that keeps failing: five attempts, then an alert the inbox lists; the payment goes on.
      mailbox.failNext(100, "SMTP 554 rejected")
      const broken = await placeOrder(PAYGENT_PROVIDER_IDS.payeasy)
      // The first attempt (the order's event) is over once it is back to pending; while it runs, nobody else can claim it.
      await waitFor("the first attempt to fail", async () => {
        const r = await row(broken.orderId, "instructions")
        return r?.attempts === 1 && r.status === "pending"
      })
      for (let hours = 1; hours <= 6; hours++) {
        await job(new Date(Date.now() + hours * 4 * 60 * 60_000))
      }
      expect(await row(broken.orderId, "instructions")).toMatchObject({ status: "failed", attempts: 5, last_error: "SMTP 554 rejected" })
      const [alert] = (await paygent().listPaygentAlerts({ kind: "shopper_mail_failed" })) as any[]
      expect(alert).toMatchObject({ order_id: broken.orderId, severity: "warning" })
      expect(alert.message_ja).toContain("5 回送信できませんでした")
      const { data: inbox } = await api.get("/admin/paygent/inbox?limit=100", admin)
      expect(inbox.items.find((item: any) => item.alert_id === alert.id)).toMatchObject({ reason: "alert", order: { id: broken.orderId } })
      mailbox.clear()
      sim().control.pay(broken.session.data.paygent.payment_id)
      await waitFor("the order to be paid anyway", async () => (await orderOf(broken.orderId)).payment_status === "captured")
      await arrived(broken.orderId, "paid")
    })

    // ---- the admin ----

    it("shows the mails on the order panel and resends the instructions (a double click sends one)", async () => {
      const { orderId, session } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      await sentRow(orderId, "instructions")
      const { data: listed } = await api.get(`/admin/paygent/orders/${orderId}/shopper-mails`, admin)
      expect(listed.can_resend_instructions).toBe(true)
      expect(listed.mails.map((m: any) => [m.kind, m.status])).toEqual(
        expect.arrayContaining([
          ["instructions", "sent"],
          ["reminder", "pending"],
        ])
      )
      expect(listed.mails.find((m: any) => m.kind === "instructions")).toMatchObject({ recipient: SHOPPER, locale: "ja", sent_at: expect.any(String) })

      const [a, b] = await Promise.all([
        api.post(`/admin/paygent/orders/${orderId}/resend-instructions`, {}, admin),
        api.post(`/admin/paygent/orders/${orderId}/resend-instructions`, {}, admin),
      ])
      expect(a.data.mail.id).toBe(b.data.mail.id)
      expect([a.data.queued, b.data.queued].sort()).toEqual([false, true])
      const resent = await waitFor("the resent mail", () => (mailsOf(orderId, "instructions").length === 2 ? mailsOf(orderId, "instructions") : undefined))
      expect(resent[1].html).toEqual(resent[0].html)
      expect((await rows(orderId)).find((r) => r.reason === "resend")).toMatchObject({ status: "sent", created_by: expect.stringMatching(/^user_/) })

      // Paid: nothing to resend.
      sim().control.pay(session.data.paygent.payment_id)
      await arrived(orderId, "paid")
      const refused = await api.post(`/admin/paygent/orders/${orderId}/resend-instructions`, {}, admin).catch((error: any) => error.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("再送できるお支払い方法のご案内がありません")
      expect((await api.get(`/admin/paygent/orders/${orderId}/shopper-mails`, admin)).data.can_resend_instructions).toBe(false)
      expect((await api.post(`/admin/paygent/orders/${orderId}/resend-instructions`, { to: "x" }, admin).catch((e: any) => e.response)).status).toBe(400)
    })

    it("runs the job from the admin at a given time (the demo's moved clock), refusing a malformed time", async () => {
      const { orderId } = await placeOrder(PAYGENT_PROVIDER_IDS.konbini, { ...BUYER, cvs_company_id: "00C002" })
      await arrived(orderId, "instructions")
      const reminder = await row(orderId, "reminder")
      const { data } = await api.post(
        "/admin/paygent/shopper-mails/dispatch",
        { now: new Date(new Date(reminder.due_at).getTime() + 1000).toISOString() },
        admin
      )
      expect(data.run.sent).toBe(1)
      expect(mailsOf(orderId, "reminder")).toHaveLength(1)
      const bad = await api.post("/admin/paygent/shopper-mails/dispatch", { now: "tomorrow" }, admin).catch((e: any) => e.response)
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("now")
    })
  },
})
