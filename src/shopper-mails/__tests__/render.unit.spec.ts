import { formatInstructions } from "../../storefront/instructions"
import { resolveShopperMailOptions } from "../../options/shopper-mails"
import { renderMail, type MailInput } from "../render"
import type { MailPayment } from "../types"
import { konbiniPayment } from "./fixtures"

/** Seven-Eleven (払込票番号 with the slip link), ¥4,800, order #12. */
function payment(overrides: Partial<MailPayment> = {}): MailPayment {
  return konbiniPayment(
    { state: { ...konbiniPayment().state, amount: 4800, instructions: sevenEleven }, ...overrides },
    {},
    {},
    { display_id: 12, customer_id: "cus_1", total: 4800, ...overrides.order }
  )
}

const sevenEleven = {
  kind: "konbini" as const,
  cvs_company_id: "00C001",
  receipt_number: "9000000000001",
  receipt_print_url: "https://sim.example/slip?id=1&x=<2>",
  usable_cvs_company_ids: ["00C001"],
  payment_limit_date: "2026-12-13",
}

const options = resolveShopperMailOptions({ notes: { canceled: { ja: "在庫はお店に戻りました。", en: "The items are back in stock." } } })

function render(overrides: Partial<MailInput> = {}) {
  return renderMail({ kind: "instructions", payment: payment(), locale: "ja", shopName: "抹茶屋", options, ...overrides })
}

describe("renderMail", () => {
  it("instructions in Japanese: the storefront's numbers, deadline, link and steps, in text and HTML", () => {
    const { content, data } = render()
    const formatted = formatInstructions(payment().state.instructions!, "ja")
    expect(content.subject).toBe("【抹茶屋】お支払い方法のご案内（ご注文番号 #12）：セブン-イレブンでのお支払い")
    expect(content.text.split("\n").slice(0, 6)).toEqual([
      "山田 太郎 様",
      "",
      "抹茶屋をご利用いただき、ありがとうございます。",
      "ご注文番号 #12 のお支払い方法をご案内します。お支払い期限までに、以下の内容でお支払いください。",
      "お支払い方法：コンビニ決済",
      "ご請求金額：¥4,800",
    ])
    expect(content.text).toContain("払込票番号：9000000000001")
    expect(content.text).toContain("お支払い期限：2026年12月13日 23:59まで")
    expect(content.text).toContain("払込票を表示する：https://sim.example/slip?id=1&x=<2>")
    formatted.steps.forEach((step, i) => expect(content.text).toContain(`${i + 1}. ${step}`))
    expect(content.html).toContain('data-key="receipt_number" style="padding:4px 0;font-size:18px;font-weight:bold;letter-spacing:1px">9000000000001<')
    // Values are escaped in the HTML.
    expect(content.html).toContain('href="https://sim.example/slip?id=1&#38;x=&#60;2&#62;"')
    expect(content.html).not.toContain("<2>")
    expect(content.html).toMatch(/^<!doctype html><html lang="ja">/)
    expect(data).toMatchObject({ kind: "instructions", locale: "ja", shop_name: "抹茶屋", method: "konbini", method_name: "コンビニ決済" })
    expect(data.instructions).toEqual(formatted)
  })

  it("English, with the steps the merchant configured", () => {
    const steps = { "00C001": { ja: ["手順A"], en: ["Step A", "Step B"] } }
    const { content } = render({ locale: "en", options: { ...options, steps } })
    expect(content.subject).toBe("[抹茶屋] How to pay for order #12: Pay at Seven-Eleven")
    expect(content.text).toContain("Dear 太郎 山田,")
    expect(content.text).toContain("Payment slip number (払込票番号): 9000000000001")
    expect(content.text).toContain("1. Step A\n2. Step B")
    expect(content.text).toContain("Amount: ¥4,800")
  })

  it("reminder, paid (with the payment time in JST), expired and cancelled, with the merchant's note", () => {
    expect(render({ kind: "reminder" }).content.subject).toBe("【抹茶屋】お支払い期限が近づいています（ご注文番号 #12）")
    expect(render({ kind: "reminder" }).content.text).toContain("払込票番号：9000000000001")

    const paidPayment = payment({ captured_at: "2026-12-07T01:00:00Z", state: { ...payment().state, paid_at: "2026-12-07T10:00:00+09:00" } })
    const paid = render({ kind: "paid", payment: paidPayment })
    expect(paid.content.subject).toBe("【抹茶屋】ご入金を確認しました（ご注文番号 #12）")
    expect(paid.content.text).toContain("お支払い日時：2026年12月07日 10:00")
    expect(paid.content.text).not.toContain("払込票番号")
    expect(render({ kind: "paid", payment: paidPayment, locale: "en" }).content.text).toContain("Paid at: 7 Dec 2026, 10:00 JST")

    const expired = render({ kind: "canceled", reason: "expired" })
    expect(expired.content.subject).toBe("【抹茶屋】お支払い期限を過ぎたため、ご注文を取り消しました（ご注文番号 #12）")
    expect(expired.content.text).toContain("在庫はお店に戻りました。")
    expect(expired.content.html).toContain('<div class="merchant-note"><p>在庫はお店に戻りました。</p></div>')
    expect(render({ kind: "canceled", reason: "canceled", locale: "en" }).content.subject).toBe("[抹茶屋] Order #12 has been cancelled")
    expect(render({ kind: "canceled", reason: "canceled", locale: "en" }).content.text).toContain("The items are back in stock.")
  })

  it("without a shop name or customer name", () => {
    const anonymous = payment({ order: { ...payment().order, customer_name: null } })
    const { content } = render({ shopName: "", payment: anonymous })
    expect(content.subject).toBe("お支払い方法のご案内（ご注文番号 #12）：セブン-イレブンでのお支払い")
    expect(content.text.startsWith("お客様\n\nご注文いただき、ありがとうございます。")).toBe(true)
    expect(render({ shopName: "", payment: anonymous, locale: "en" }).content.text.startsWith("Dear customer,")).toBe(true)
  })
})
