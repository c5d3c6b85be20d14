/**
 * The kit's components as markup (react-dom/server, no browser): labels and errors wired for assistive technology,
 * the payment classes and "save this card" only when enabled, the konbini limits before the order, the
 * confirmation's numbers with the time left and the card in shopper words. The flow itself runs in chromium
 * (e2e/demo.e2e.ts, the demo's checkout is built on the kit).
 */
import { createElement as h, type ReactElement } from "react"
import { renderToStaticMarkup } from "react-dom/server"
import {
  KonbiniChainPicker,
  PaygentBuyerFields,
  PaygentCardFields,
  PaygentMethodIcon,
  PaygentPaymentInstructions,
  PaygentProvider,
  usePaygentCheckout,
  type PaygentCheckout,
  type PaygentKitConfig,
} from ".."
import { paygentPaymentInfoMap } from "../../storefront"
import type { PaygentPaymentView } from "../../storefront/payment-view"

const CONFIG: PaygentKitConfig = { merchantId: "123456789", tokenKey: "k", tokenScriptUrl: "http://sim/js/PaygentToken.js" }
const NO_ACTIONS = {
  setPayment: jest.fn(async () => ({ ok: true as const, session: {}, next: { type: "none" as const } })),
  placeOrder: jest.fn(async () => ({ ok: false as const, error: { code: "unavailable" as const, retry: true, message: { ja: "", en: "" } } })),
}

/** Renders `view(checkout)` inside a provider; also hands back the hook's object for calling it. */
function render(
  view: (checkout: PaygentCheckout) => ReactElement,
  options: { config?: Partial<PaygentKitConfig>; total?: number; card?: object; buyer?: object } = {}
) {
  let captured: PaygentCheckout | undefined
  function Harness() {
    const checkout = usePaygentCheckout({ actions: NO_ACTIONS, cart: { total: options.total }, initialCard: options.card, initialBuyer: options.buyer })
    captured = checkout
    return view(checkout)
  }
  const html = renderToStaticMarkup(h(PaygentProvider, { config: { ...CONFIG, ...options.config } }, h(Harness)))
  return { html, checkout: captured! }
}

describe("PaygentCardFields", () => {
  it("labels every input (ja), the brand as typed, and the token note; no payment class choice by default", () => {
    const { html } = render((checkout) => h(PaygentCardFields, { checkout }), { card: { number: "3530 1113 3330 0000" } })
    for (const label of ["カード番号", "月", "年（下2桁）", "セキュリティコード", "カード名義（半角英字）"]) {
      expect(html).toMatch(new RegExp(`<label for="[^"]+" class="paygent-card-label">${label.replace(/[()（）]/g, "\\$&")}</label>`))
    }
    expect(html).toMatch(/data-brand="jcb"[^>]*>JCB</)
    expect(html).toMatch(/ペイジェント/)
    expect(html).not.toMatch(/お支払い回数/)
    expect(html).not.toMatch(/このカードを保存する/)
  })

  it("offers 分割 / ボーナス / リボ only when the shop enables them, and 'save this card' to a logged-in customer", () => {
    const { html } = render((checkout) => h(PaygentCardFields, { checkout, canSaveCard: true }), {
      config: { paymentClasses: ["10", "61", "80"], classNames: { input: "rounded border" } },
    })
    expect(html).toMatch(/お支払い回数/)
    expect(html).toMatch(/一括払い/)
    expect(html).toMatch(/分割払い/)
    expect(html).toMatch(/リボ払い/)
    expect(html).not.toMatch(/ボーナス一括払い/)
    expect(html).toMatch(/このカードを保存する/)
    // Class names for a Tailwind storefront on every part.
    expect(html).toMatch(/class="paygent-card-input rounded border"/)
  })

  it("lists saved cards; an expired one cannot be chosen", () => {
    const savedCards = [
      { id: "000000000000000012", data: { masked_card_number: "************1111", card_brand: "VISA", expiry_month: "12", expiry_year: "2030" } },
      { id: "000000000000000013", data: { masked_card_number: "************4444", card_brand: "MASTER", expiry_month: "01", expiry_year: "2020", expired: true } },
    ]
    const { html } = render((checkout) => h(PaygentCardFields, { checkout, savedCards }))
    expect(html).toMatch(/保存済みのカード/)
    expect(html).toMatch(/VISA \*+1111 12\/30/)
    expect(html).toMatch(/<input type="radio"[^>]*disabled=""[^>]*value="000000000000000013"/)
    expect(html).toMatch(/新しいカードを使う/)
  })

  it("in English when the storefront's locale is en", () => {
    const { html } = render((checkout) => h(PaygentCardFields, { checkout }), { config: { locale: "en" } })
    expect(html).toMatch(/>Card number</)
    expect(html).toMatch(/>Security code</)
  })
})

describe("the checkout hook refuses bad input before anything is sent", () => {
  it("a wrong card number: the error names the field; no token, no server step", async () => {
    const { checkout } = render(() => h("div"), { card: { number: "4111 1111 1111 11", expireMonth: "12", expireYear: "30", cvc: "123" } })
    const result = await checkout.submitPayment("pp_paygent-card_paygent")
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_input", field: "number" } })
    expect((result as { error: { message: { ja: string } } }).error.message.ja).toBe("カード番号の桁数が正しくありません（VISAは13〜19桁、入力は14桁）。")
    expect(NO_ACTIONS.setPayment).not.toHaveBeenCalled()
  })

  it("konbini without a chosen chain, over a limit", async () => {
    const { checkout } = render(() => h("div"), { total: 600_000 })
    const result = await checkout.submitPayment("pp_paygent-konbini_paygent")
    expect(result).toMatchObject({ ok: false, error: { field: "chain" } })
    const payeasy = await checkout.submitPayment("pp_paygent-payeasy_paygent")
    expect(payeasy).toMatchObject({ ok: false, error: { field: "amount" } })
    expect(NO_ACTIONS.setPayment).not.toHaveBeenCalled()
  })
})

describe("PaygentBuyerFields", () => {
  it("labels the fields in the server's words and says under a name how Paygent receives it (髙橋 → 高橋)", () => {
    const { html } = render((checkout) => h(PaygentBuyerFields, { checkout, phone: true }), {
      buyer: { familyName: "髙橋", givenName: "太郎", familyNameKana: "たかはし" },
    })
    const labels = [...html.matchAll(/<label[^>]*>([^<]*)<\/label>/g)].map((m) => m[1])
    expect(labels).toEqual(["姓", "名", "セイ", "メイ", "電話番号"])
    expect(html).toMatch(/<input[^>]*aria-describedby="([^"]*-familyName-hint)"[^>]*name="paygent-buyer-familyName"/)
    expect(html).toMatch(/<p id="[^"]*-familyName-hint" class="paygent-buyer-hint">決済会社へは「高橋」として送信されます<\/p>/)
    expect(html).toMatch(/<p id="[^"]*-familyNameKana-hint" class="paygent-buyer-hint">決済会社へは「ﾀｶﾊｼ」として送信されます<\/p>/)
    // Sent as typed: no note.
    expect(html).not.toMatch(/-givenName-hint/)
  })

  it("sends what the shopper typed (the server converts it), and stops 彅 naming 姓 before anything is sent", async () => {
    NO_ACTIONS.setPayment.mockClear()
    const accepted = render(() => h("div"), { buyer: { familyName: "髙橋", givenName: "Taro" } })
    await accepted.checkout.submitPayment("pp_paygent-payeasy_paygent")
    expect(NO_ACTIONS.setPayment).toHaveBeenCalledWith({
      providerId: "pp_paygent-payeasy_paygent",
      data: { customer_family_name: "髙橋", customer_name: "Taro" },
    })
    NO_ACTIONS.setPayment.mockClear()
    const refused = render(() => h("div"), { buyer: { familyName: "草彅" } })
    const result = await refused.checkout.submitPayment("pp_paygent-payeasy_paygent")
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_input", field: "familyName" } })
    expect((result as { error: { message: { ja: string } } }).error.message.ja).toMatch(/^姓に使用できない文字が含まれています: 「彅」/)
    expect(NO_ACTIONS.setPayment).not.toHaveBeenCalled()
  })
})

describe("KonbiniChainPicker", () => {
  it("shows each chain's limit and offers a chain the cart exceeds as unavailable", () => {
    const { html } = render((checkout) => h(KonbiniChainPicker, { checkout }), { total: 400_000 })
    expect(html).toMatch(/<legend class="paygent-konbini-legend">お支払いするコンビニ<\/legend>/)
    expect(html).toMatch(/data-chain="00C001" data-unavailable="true">.*セブン-イレブン.*上限 300,000円.*ご注文金額が上限を超えるためご利用いただけません/)
    expect(html).toMatch(/data-chain="00C002">.*ローソン.*上限 500,000円/)
    expect(html).toMatch(/<input type="radio" name="paygent-konbini-chain" disabled=""[^>]*value="00C001"/)
    expect(html).not.toMatch(/<input type="radio" name="paygent-konbini-chain" disabled=""[^>]*value="00C002"/)
  })
})

describe("PaygentPaymentInstructions", () => {
  const now = Date.parse("2026-12-06T10:00:00+09:00")

  it("konbini: the numbers by their names at the chain, the deadline with the time left, the steps", () => {
    const payment: PaygentPaymentView = {
      method: "konbini",
      provider_id: "pp_paygent-konbini_paygent",
      status: "awaiting_payment",
      instructions: {
        kind: "konbini",
        cvs_company_id: "00C002",
        receipt_number: "123456",
        usable_cvs_company_ids: ["00C002", "00C004"],
        payment_limit_date: "2026-12-13",
        second_number: { kind: "phone", value: "09012345678" },
      },
    }
    const html = renderToStaticMarkup(h(PaygentPaymentInstructions, { payment, now, config: CONFIG }))
    expect(html).toMatch(/<h3[^>]*>ローソンでのお支払い<\/h3>/)
    expect(html).toMatch(/<dt[^>]*>お支払い受付番号<\/dt><dd[^>]*data-key="receipt_number">123456<\/dd>/)
    expect(html).toMatch(/お支払い期限: 2026年12月13日 23:59まで<span data-remaining="true"> \(あと7日13時間\)<\/span>/)
    expect(html).toMatch(/Loppi/)
    expect(html).toMatch(/ミニストップでもお支払いいただけます/)
  })

  it("the deadline passed", () => {
    const payment: PaygentPaymentView = {
      method: "payeasy",
      provider_id: "pp_paygent-payeasy_paygent",
      status: "awaiting_payment",
      instructions: { kind: "payeasy", pay_center_number: "58091", customer_number: "1", conf_number: "2", payment_limit_date: "2026-12-05" },
    }
    const html = renderToStaticMarkup(h(PaygentPaymentInstructions, { payment, now, config: { ...CONFIG, locale: "en" } }))
    expect(html).toMatch(/Biller number/)
    expect(html).toMatch(/data-remaining="passed"> \(The deadline has passed\)/)
  })

  it("a card in shopper words: approved (authorized) or charged (captured), never オーソリ", () => {
    const card = (status: "authorized" | "captured") =>
      renderToStaticMarkup(
        h(PaygentPaymentInstructions, {
          payment: { method: "card", provider_id: "pp_paygent-card_paygent", status, card: { masked_card_number: "************1111", card_brand: "VISA", payment_class: "61", split_count: "3" } },
          config: CONFIG,
        })
      )
    expect(card("authorized")).toMatch(/カードでのお支払いを承りました。ご請求は商品の発送時に確定します。/)
    expect(card("captured")).toMatch(/カードでのお支払いが完了しました。/)
    expect(card("authorized")).toMatch(/VISA \*+1111 — 分割払い（3回）/)
    expect(card("authorized") + card("captured")).not.toMatch(/オーソリ/)
  })
})

describe("the payment table", () => {
  it("maps the four provider ids to titles (ja/en) and the kit's icons", () => {
    const map = paygentPaymentInfoMap("ja", (method) => h(PaygentMethodIcon, { method }))
    expect(Object.keys(map)).toEqual([
      "pp_paygent-card_paygent",
      "pp_paygent-konbini_paygent",
      "pp_paygent-payeasy_paygent",
      "pp_paygent-banknet_paygent",
    ])
    expect(map["pp_paygent-konbini_paygent"].title).toBe("コンビニ決済")
    expect(paygentPaymentInfoMap("en", () => null, "jp")["pp_paygent-banknet_jp"].title).toBe("Online bank transfer (net bank)")
    expect(renderToStaticMarkup(map["pp_paygent-card_paygent"].icon)).toMatch(/<svg[^>]*data-method="card"[^>]*aria-hidden="true"/)
  })
})
