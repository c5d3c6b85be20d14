/**
 * The demo's checkout page: plain DOM + fetch against Medusa's store API, with the plugin's storefront helpers
 * (src/storefront) for everything Paygent-specific — the card token through PaygentToken.js, 3-D Secure,
 * the konbini / Pay-easy / net-bank data and the payment instructions. Bundled by esbuild when the demo starts.
 */
import {
  KONBINI_CHAINS,
  PAYMENT_METHOD_NAMES,
  buyerFromAddress,
  cardPaymentData,
  createCardToken,
  findPaygentSession,
  formatInstructions,
  isPaygentTokenError,
  konbiniPaymentData,
  nextPaygentAction,
  paygentMethodOf,
  paygentProviderId,
  readPaygentState,
  readThreeDsReturn,
  simulatorTokenScriptUrl,
  splitBilingualMessage,
  startThreeDs,
  stripThreeDsReturn,
  type BuyerKana,
  type KonbiniChainId,
  type PaygentSessionLike,
} from "../../../src/storefront"

interface DemoConfig {
  medusaUrl: string
  adminUrl: string
  toolUrl: string
  simulatorUrl: string
  publishableKey: string
  regionId: string
  merchantId: string
  tokenKey: string
}

type Method = "card" | "konbini" | "payeasy" | "banknet"

interface AddressForm {
  email: string
  last_name: string
  first_name: string
  last_name_kana: string
  first_name_kana: string
  postal_code: string
  province: string
  city: string
  address_1: string
  phone: string
}

const SAMPLE_ADDRESS: AddressForm = {
  email: "taro@example.jp",
  last_name: "山田",
  first_name: "太郎",
  last_name_kana: "ヤマダ",
  first_name_kana: "タロウ",
  postal_code: "100-0001",
  province: "東京都",
  city: "千代田区",
  address_1: "千代田1-1",
  phone: "090-1234-5678",
}

const CART_KEY = "paygent-demo:cart"
const ORDER_KEY = "paygent-demo:order"
const FORM_KEY = "paygent-demo:address"

const app = document.getElementById("app")!
let config: DemoConfig

// ---------------------------------------------------------------- helpers

function h(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function yen(amount: number | undefined | null): string {
  return `¥${Number(amount ?? 0).toLocaleString("ja-JP")}`
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

async function api<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${config.medusaUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", "x-publishable-api-key": config.publishableKey },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  const json = text ? JSON.parse(text) : {}
  if (!response.ok) {
    throw new ApiError(response.status, json.message ?? `${response.status} ${response.statusText}`)
  }
  return json as T
}

function showError(message: string, where: Element | null = document.getElementById("error")): void {
  const target = where ?? app
  const { ja, en } = splitBilingualMessage(message)
  target.innerHTML = `<div class="error" id="error-message">${h(ja)}${en !== ja ? `<br><small>${h(en)}</small>` : ""}</div>`
}

function clearError(): void {
  const target = document.getElementById("error")
  if (target) target.innerHTML = ""
}

function setBusy(button: HTMLButtonElement | null, busy: boolean, label?: string): void {
  if (!button) return
  button.disabled = busy
  if (busy) {
    button.dataset.label = button.textContent ?? ""
    button.textContent = label ?? "処理中…"
  } else if (button.dataset.label) {
    button.textContent = button.dataset.label
  }
}

function savedAddress(): AddressForm {
  try {
    return { ...SAMPLE_ADDRESS, ...JSON.parse(localStorage.getItem(FORM_KEY) ?? "{}") }
  } catch {
    return SAMPLE_ADDRESS
  }
}

// ---------------------------------------------------------------- cart

const CART_FIELDS =
  "*items,*shipping_methods,*payment_collection,*payment_collection.payment_sessions,+total,+subtotal,+shipping_total,+item_total"

async function currentCart(): Promise<any | undefined> {
  const id = localStorage.getItem(CART_KEY)
  if (!id) return undefined
  try {
    const { cart } = await api(`/store/carts/${id}?fields=${encodeURIComponent(CART_FIELDS)}`)
    if (cart.completed_at) {
      localStorage.removeItem(CART_KEY)
      return undefined
    }
    return cart
  } catch {
    localStorage.removeItem(CART_KEY)
    return undefined
  }
}

async function ensureCart(): Promise<any> {
  const existing = await currentCart()
  if (existing) return existing
  const { cart } = await api("/store/carts", { body: { region_id: config.regionId } })
  localStorage.setItem(CART_KEY, cart.id)
  return cart
}

async function reloadCart(id: string): Promise<any> {
  return (await api(`/store/carts/${id}?fields=${encodeURIComponent(CART_FIELDS)}`)).cart
}

// ---------------------------------------------------------------- step 1: products and cart

const PRODUCT_ORDER = ["matcha-100g", "kyusu-teapot", "tenugui", "free-sample", "iron-kettle"]

async function renderShop(): Promise<void> {
  const [{ products }, cart] = await Promise.all([
    api(
      `/store/products?limit=50&region_id=${config.regionId}&fields=${encodeURIComponent(
        "id,title,handle,description,*variants,*variants.calculated_price,+variants.inventory_quantity"
      )}`
    ),
    currentCart(),
  ])
  products.sort((a: any, b: any) => PRODUCT_ORDER.indexOf(a.handle) - PRODUCT_ORDER.indexOf(b.handle))
  const cards = products
    .map((product: any) => {
      const variant = product.variants[0]
      const stock =
        variant.manage_inventory === false || variant.inventory_quantity == null
          ? "在庫管理なし <small>(not stocked)</small>"
          : `在庫 ${variant.inventory_quantity} <small>(in stock)</small>`
      return `<div class="product" data-handle="${h(product.handle)}">
        <div class="title">${h(product.title)}</div>
        <div class="price">${yen(variant.calculated_price?.calculated_amount)} <small>税込</small></div>
        <div class="stock">${stock}</div>
        <button class="add" data-variant="${h(variant.id)}">カートに入れる <small style="color:inherit">Add</small></button>
      </div>`
    })
    .join("")
  app.innerHTML = `<div class="layout">
    <section><h2>商品 <small>Products</small></h2><div class="products" id="products">${cards}</div></section>
    <aside class="panel" id="cart">${cartPanel(cart)}</aside>
  </div><div id="error"></div>`
  app.querySelectorAll<HTMLButtonElement>("button.add").forEach((button) =>
    button.addEventListener("click", async () => {
      setBusy(button, true, "追加中…")
      try {
        const cart = await ensureCart()
        await api(`/store/carts/${cart.id}/line-items`, { body: { variant_id: button.dataset.variant, quantity: 1 } })
        document.getElementById("cart")!.innerHTML = cartPanel(await reloadCart(cart.id))
        bindCartPanel()
      } catch (error) {
        showError(String((error as Error).message))
      } finally {
        setBusy(button, false)
      }
    })
  )
  bindCartPanel()
}

function cartLines(cart: any): string {
  return (cart.items ?? [])
    .map(
      (item: any) => `<div class="cart-line" data-line="${h(item.id)}">
        <span>${h(item.product_title ?? item.title)} × ${item.quantity}</span>
        <span>${yen(item.total ?? item.unit_price * item.quantity)}
          <button class="secondary remove" data-line="${h(item.id)}" title="削除 / remove">×</button></span>
      </div>`
    )
    .join("")
}

function cartPanel(cart: any | undefined): string {
  if (!cart || !(cart.items ?? []).length) {
    return `<h2>カート <small>Cart</small></h2><p id="cart-empty">カートは空です <small>(empty)</small></p>`
  }
  return `<h2>カート <small>Cart</small></h2>${cartLines(cart)}
    <div class="total"><span>合計 <small>total</small></span><span id="cart-total">${yen(cart.total)}</span></div>
    <button id="to-checkout">レジに進む <small style="color:inherit">Checkout</small></button>`
}

function bindCartPanel(): void {
  document.getElementById("to-checkout")?.addEventListener("click", () => void renderAddress())
  document.querySelectorAll<HTMLButtonElement>("#cart button.remove").forEach((button) =>
    button.addEventListener("click", async () => {
      const id = localStorage.getItem(CART_KEY)!
      await api(`/store/carts/${id}/line-items/${button.dataset.line}`, { method: "DELETE" })
      document.getElementById("cart")!.innerHTML = cartPanel(await reloadCart(id))
      bindCartPanel()
    })
  )
}

// ---------------------------------------------------------------- step 2: address

const ADDRESS_FIELDS: { name: keyof AddressForm; label: string; wide?: boolean; type?: string }[] = [
  { name: "email", label: "メールアドレス <small>e-mail</small>", wide: true, type: "email" },
  { name: "last_name", label: "姓 <small>family name</small>" },
  { name: "first_name", label: "名 <small>given name</small>" },
  { name: "last_name_kana", label: "セイ <small>family name, katakana</small>" },
  { name: "first_name_kana", label: "メイ <small>given name, katakana</small>" },
  { name: "postal_code", label: "郵便番号 <small>postal code</small>" },
  { name: "province", label: "都道府県 <small>prefecture</small>" },
  { name: "city", label: "市区町村 <small>city</small>" },
  { name: "address_1", label: "番地・建物 <small>address</small>" },
  { name: "phone", label: "電話番号 <small>phone</small>", wide: true, type: "tel" },
]

async function renderAddress(): Promise<void> {
  const cart = await currentCart()
  if (!cart) return renderShop()
  const values = savedAddress()
  const inputs = ADDRESS_FIELDS.map(
    (field) => `<label class="${field.wide ? "wide" : ""}">${field.label}
      <input name="${field.name}" type="${field.type ?? "text"}" value="${h(values[field.name])}" required></label>`
  ).join("")
  app.innerHTML = `<div class="layout">
    <section><h2>お届け先 <small>Shipping address</small></h2>
      <form class="grid" id="address-form">${inputs}
        <div class="wide actions"><button type="submit" id="to-payment">お支払い方法の選択へ <small style="color:inherit">Continue</small></button>
        <button type="button" class="secondary" id="back-to-shop">買い物を続ける</button></div>
      </form><div id="error"></div></section>
    <aside class="panel" id="cart">${cartPanel(cart).replace(/<button id="to-checkout">[\s\S]*<\/button>/, "")}</aside>
  </div>`
  document.getElementById("back-to-shop")!.addEventListener("click", () => void renderShop())
  const form = document.getElementById("address-form") as HTMLFormElement
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    const button = document.getElementById("to-payment") as HTMLButtonElement
    setBusy(button, true)
    clearError()
    try {
      const data = Object.fromEntries(new FormData(form).entries()) as unknown as AddressForm
      localStorage.setItem(FORM_KEY, JSON.stringify(data))
      const address = {
        first_name: data.first_name,
        last_name: data.last_name,
        postal_code: data.postal_code,
        province: data.province,
        city: data.city,
        address_1: data.address_1,
        phone: data.phone,
        country_code: "jp",
      }
      await api(`/store/carts/${cart.id}`, { body: { email: data.email, shipping_address: address, billing_address: address } })
      const { shipping_options } = await api(`/store/shipping-options?cart_id=${cart.id}`)
      if (!shipping_options?.length) throw new Error("配送方法がありません / No shipping option for this address")
      await api(`/store/carts/${cart.id}/shipping-methods`, { body: { option_id: shipping_options[0].id } })
      await renderPayment()
    } catch (error) {
      showError(String((error as Error).message))
      setBusy(button, false)
    }
  })
}

// ---------------------------------------------------------------- step 3: payment

function kana(): BuyerKana {
  const saved = savedAddress()
  return { familyNameKana: saved.last_name_kana, givenNameKana: saved.first_name_kana }
}

const THREE_DS_SCENARIOS = [
  { id: "challenge", name: "BAVCA", label: "チャレンジ（パスワード入力） / challenge (password 14012)" },
  { id: "frictionless", name: "TARO YAMADA", label: "フリクションレス / frictionless" },
  { id: "fail", name: "BAVNA", label: "認証失敗 / authentication fails" },
]

function methodBlock(method: Method, details: string): string {
  const name = PAYMENT_METHOD_NAMES[method]
  return `<div class="method" data-method="${method}">
    <label><input type="radio" name="method" value="${method}"> ${h(name.ja)} <small>${h(name.en)}</small></label>
    <div class="details">${details}</div>
  </div>`
}

async function renderPayment(message?: string): Promise<void> {
  const cart = await currentCart()
  if (!cart) return renderShop()
  const providers: string[] = (await api(`/store/payment-providers?region_id=${config.regionId}`)).payment_providers.map(
    (p: any) => p.id
  )
  const offered = (["card", "konbini", "payeasy", "banknet"] as Method[]).filter((m) => providers.includes(paygentProviderId(m)))
  const chains = KONBINI_CHAINS.map((c) => `<option value="${c.id}">${h(c.name.ja)} (${h(c.name.en)})</option>`).join("")
  const scenarios = THREE_DS_SCENARIOS.map((s) => `<option value="${s.id}">${h(s.label)}</option>`).join("")
  const details: Record<Method, string> = {
    card: `<div class="card-fields">
        <label class="field">カード番号 <small>card number</small><input id="card-number" value="4111 1111 1111 1111" autocomplete="off"></label>
        <label class="field">月 <small>MM</small><input id="card-exp-month" value="12" maxlength="2"></label>
        <label class="field">年 <small>YY</small><input id="card-exp-year" value="30" maxlength="4"></label>
        <label class="field">CVC <small>security code</small><input id="card-cvc" value="123" maxlength="4" autocomplete="off"></label>
        <label class="field wide">カード名義 <small>cardholder name</small><input id="card-name" value="BAVCA" autocomplete="off"></label>
        <label class="field wide">3-D Secure のテスト <small>test scenario (sets the cardholder name)</small><select id="threeds-scenario">${scenarios}</select></label>
      </div>
      <div class="hint">テストカード: 4111 1111 1111 1111 (VISA) など（末尾 8212 は拒否されます）。チャレンジ画面のパスワードは <b>14012</b>（VISA）。
        カード番号はこのページから直接 Paygent（シミュレーター）の PaygentToken.js に送られ、Medusa にはトークンだけが届きます。<br>
        <small>Card details go from this page straight to the simulator's PaygentToken.js; Medusa only sees a token. VISA challenge password: 14012; a number ending in 8212 is declined.</small></div>`,
    konbini: `<label class="field">コンビニ <small>store chain</small><select id="konbini-chain">${chains}</select></label>
      <div class="hint">ご注文後にお支払い番号と期限を表示します。<small>The numbers and the deadline are shown after the order.</small></div>`,
    payeasy: `<div class="hint">ご注文後に収納機関番号・お客様番号・確認番号を表示します。<small>Pay at a bank ATM or online banking with the numbers shown after the order.</small></div>`,
    banknet: `<div class="hint">ご注文後、銀行選択画面（シミュレーター）へ移動します。<small>After the order you go to the bank selection screen (simulator).</small></div>`,
  }
  app.innerHTML = `<div class="layout">
    <section><h2>お支払い方法 <small>Payment method</small></h2>
      <div class="methods" id="methods">${offered.map((m) => methodBlock(m, details[m])).join("")}</div>
      <div class="actions"><button id="place-order">注文を確定する <small style="color:inherit">Place order</small></button>
        <button class="secondary" id="back-to-address">お届け先に戻る</button></div>
      <div id="error"></div></section>
    <aside class="panel" id="cart">${cartPanel(cart).replace(/<button id="to-checkout">[\s\S]*<\/button>/, "")}
      <p><small>お届け先: ${h(cart.shipping_address?.last_name)} ${h(cart.shipping_address?.first_name)} 様</small></p></aside>
  </div>`
  if (message) showError(message)
  const select = (method: Method) => {
    app.querySelectorAll(".method").forEach((el) => el.classList.toggle("selected", (el as HTMLElement).dataset.method === method))
    ;(app.querySelector(`input[name=method][value=${method}]`) as HTMLInputElement).checked = true
  }
  app.querySelectorAll<HTMLInputElement>("input[name=method]").forEach((input) =>
    input.addEventListener("change", () => select(input.value as Method))
  )
  select(offered[0] ?? "card")
  document.getElementById("threeds-scenario")?.addEventListener("change", (event) => {
    const scenario = THREE_DS_SCENARIOS.find((s) => s.id === (event.target as HTMLSelectElement).value)
    ;(document.getElementById("card-name") as HTMLInputElement).value = scenario?.name ?? ""
  })
  document.getElementById("back-to-address")!.addEventListener("click", () => void renderAddress())
  const button = document.getElementById("place-order") as HTMLButtonElement
  button.addEventListener("click", async () => {
    const method = (app.querySelector("input[name=method]:checked") as HTMLInputElement | null)?.value as Method
    setBusy(button, true)
    clearError()
    try {
      await pay(cart.id, method)
    } catch (error) {
      if (isPaygentTokenError(error)) {
        showError(`${error.userMessage.ja} / ${error.userMessage.en}`)
      } else {
        showError(String((error as Error).message))
      }
      setBusy(button, false)
    }
  })
}

function value(id: string): string {
  return (document.getElementById(id) as HTMLInputElement).value
}

async function paymentCollectionId(cartId: string): Promise<string> {
  const cart = await reloadCart(cartId)
  if (cart.payment_collection?.id) return cart.payment_collection.id
  return (await api("/store/payment-collections", { body: { cart_id: cartId } })).payment_collection.id
}

async function startSession(cartId: string, method: Method, data: object): Promise<PaygentSessionLike> {
  const collectionId = await paymentCollectionId(cartId)
  const { payment_collection } = await api(`/store/payment-collections/${collectionId}/payment-sessions`, {
    body: { provider_id: paygentProviderId(method), data },
  })
  return findPaygentSession(payment_collection)!
}

async function pay(cartId: string, method: Method): Promise<void> {
  const cart = await reloadCart(cartId)
  const address = cart.billing_address ?? cart.shipping_address
  if (method === "card") {
    const token = await createCardToken({
      merchantId: config.merchantId,
      tokenKey: config.tokenKey,
      scriptUrl: simulatorTokenScriptUrl(config.simulatorUrl),
      card: {
        number: value("card-number"),
        expireMonth: value("card-exp-month"),
        expireYear: value("card-exp-year"),
        cvc: value("card-cvc"),
        name: value("card-name"),
      },
    })
    const retryRef = sessionStorage.getItem("paygent-demo:retry-ref") ?? undefined
    sessionStorage.removeItem("paygent-demo:retry-ref")
    const session = await startSession(
      cartId,
      "card",
      cardPaymentData(token, { returnUrl: `${location.origin}/?return=3ds`, email: cart.email, retryRef })
    )
    const action = nextPaygentAction(session)
    if (action.type === "three_ds") {
      // The page is replaced by the issuer's (simulator's) 3-D Secure page; term_url brings the shopper back.
      startThreeDs(session)
      return
    }
    if (action.type === "retry_card") {
      if (action.retryRef) sessionStorage.setItem("paygent-demo:retry-ref", action.retryRef)
      throw new Error(`${action.message.ja} / ${action.message.en}`)
    }
    return complete(cartId)
  }
  const data =
    method === "konbini"
      ? konbiniPaymentData(value("konbini-chain") as KonbiniChainId, address, kana())
      : buyerFromAddress(address, kana())
  await startSession(cartId, method, data)
  return complete(cartId)
}

async function complete(cartId: string): Promise<void> {
  const result = await api(`/store/carts/${cartId}/complete?fields=${encodeURIComponent("*payment_collections.payment_sessions,*items")}`, {
    body: {},
  })
  if (result.type === "order") {
    localStorage.removeItem(CART_KEY)
    localStorage.setItem(ORDER_KEY, result.order.id)
    renderOrder(result.order)
    const action = nextPaygentAction(findPaygentSession(result.order))
    if (action.type === "redirect") {
      // Net bank: on to Paygent's (the simulator's) bank selection screen; the bank sends the shopper back here.
      document.getElementById("order-complete")!.insertAdjacentHTML(
        "afterbegin",
        `<div class="notice" id="redirecting">銀行選択画面へ移動します… <small>taking you to the bank selection screen</small></div>`
      )
      location.assign(action.url)
    }
    return
  }
  // Refused (declined card, input error…): the cart stays; take the card again.
  const session = findPaygentSession(await reloadCart(cartId))
  const action = nextPaygentAction(session)
  if (action.type === "retry_card" && action.retryRef) {
    sessionStorage.setItem("paygent-demo:retry-ref", action.retryRef)
  }
  return renderPayment(result.error?.message ?? "ご注文を確定できませんでした / The order could not be placed")
}

// ---------------------------------------------------------------- result

const ORDER_FIELDS = "*payment_collections,*payment_collections.payment_sessions,*items,+total"

function instructionsBlock(session: PaygentSessionLike | undefined): string {
  const state = readPaygentState(session)
  const action = nextPaygentAction(session)
  if ((action.type === "show_instructions" || action.type === "redirect") && state) {
    const shown = formatInstructions(action.instructions, "ja")
    const numbers = shown.numbers
      .map((n) => `<tr data-key="${h(n.key)}"><th>${h(n.label)}</th><td class="value number" data-key="${h(n.key)}">${h(n.value)}</td></tr>`)
      .join("")
    const links = shown.links
      .map((l) => `<a class="button${l.key === "bank_selection" ? "" : " secondary"}" id="link-${h(l.key)}" href="${h(l.url)}">${h(l.label)}</a>`)
      .join(" ")
    return `<div class="instructions" id="instructions" data-kind="${h(shown.kind)}">
      <h3>${h(shown.title)}</h3>
      ${numbers ? `<table>${numbers}</table>` : ""}
      ${shown.deadline ? `<p class="deadline" id="deadline">${h(shown.deadline.label)}: ${h(shown.deadline.text)}</p>` : ""}
      <ol>${shown.steps.map((s) => `<li>${h(s)}</li>`).join("")}</ol>
      ${shown.notes.map((n) => `<p><small>${h(n)}</small></p>`).join("")}
      ${links ? `<div class="actions">${links}</div>` : ""}
    </div>`
  }
  if (state?.method === "card") {
    const card = state.card
    return `<div class="instructions" id="card-result"><h3>クレジットカード <small>card</small></h3>
      <p>${h(card?.masked_card_number ?? "")} ${h(card?.card_brand ?? "")} — ${
        state.payment_status === "40" ? "売上確定 <small>captured</small>" : "オーソリ済み <small>authorized (captured when the shop ships)</small>"
      }</p></div>`
  }
  if (state && state.payment_status === "40") {
    return `<div class="instructions"><p>お支払いを確認しました <small>payment received</small></p></div>`
  }
  return ""
}

function renderOrder(order: any, banner?: string): void {
  const session = findPaygentSession(order)
  const state = readPaygentState(session)
  const method = paygentMethodOf(session?.provider_id)
  const methodName = method ? PAYMENT_METHOD_NAMES[method] : undefined
  const paymentId = state?.payment_id
  app.innerHTML = `<section id="order-complete" data-order-id="${h(order.id)}" data-method="${h(method ?? "")}" data-payment-id="${h(paymentId ?? "")}">
    ${banner ? `<div class="notice" id="order-banner">${banner}</div>` : ""}
    <h2>ご注文ありがとうございます <small>Thank you for your order</small></h2>
    <p>注文番号 <small>order</small> <b id="order-display-id">#${h(order.display_id)}</b> — 合計 <b>${yen(order.total)}</b>
      — ${h(methodName?.ja ?? "")} <small>${h(methodName?.en ?? "")}</small></p>
    ${instructionsBlock(session)}
    <div class="actions">
      ${
        paymentId && nextPaygentAction(session).type === "show_instructions"
          ? `<a class="button secondary" id="tool-link" target="_blank" href="${h(config.toolUrl)}?payment_id=${h(paymentId)}">テストツールで入金する <small>pay it in the simulator's test tool</small></a>`
          : ""
      }
      <a class="button secondary" id="admin-order-link" target="_blank" href="${h(config.adminUrl)}/orders/${h(order.id)}">管理画面で注文を見る <small>see it in the admin</small></a>
      <button class="secondary" id="shop-again">買い物を続ける <small>continue shopping</small></button>
    </div>
  </section>`
  document.getElementById("shop-again")!.addEventListener("click", () => {
    localStorage.removeItem(ORDER_KEY)
    void renderShop()
  })
}

async function showLastOrder(banner?: string): Promise<void> {
  const id = localStorage.getItem(ORDER_KEY)
  if (!id) return renderShop()
  const { order } = await api(`/store/orders/${id}?fields=${encodeURIComponent(ORDER_FIELDS)}`)
  renderOrder(order, banner)
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  config = await (await fetch("/config.json")).json()
  ;(document.getElementById("nav-admin") as HTMLAnchorElement).href = config.adminUrl
  ;(document.getElementById("nav-tool") as HTMLAnchorElement).href = config.toolUrl
  const url = new URL(location.href)

  // Back from 3-D Secure (term_url → 303 → here with ?session_id=&paygent_3ds=).
  const threeDs = readThreeDsReturn(location.href)
  if (threeDs) {
    history.replaceState(null, "", stripThreeDsReturn(location.href).replace(/[?&]return=3ds/, ""))
    const cartId = localStorage.getItem(CART_KEY)
    if (!cartId) return renderShop()
    if (threeDs.outcome === "ok") {
      app.innerHTML = `<p class="loading" id="completing">本人認証が完了しました。ご注文を確定しています… <small>authenticated; placing the order</small></p>`
      return complete(cartId)
    }
    const action = nextPaygentAction(findPaygentSession(await reloadCart(cartId)))
    const message = action.type === "retry_card" ? `${action.message.ja} / ${action.message.en}` : "本人認証に失敗しました / 3-D Secure failed"
    return renderPayment(message)
  }

  // Back from the bank (net bank): return_url / stop_return_url.
  const bank = url.searchParams.get("bank")
  if (bank) {
    history.replaceState(null, "", "/")
    return showLastOrder(
      bank === "return" && url.searchParams.get("result") !== "1"
        ? "銀行でのお支払いを受け付けました。入金の確認まで少しお待ちください。 <small>Your bank payment was submitted; its confirmation follows.</small>"
        : "銀行でのお支払いは完了していません。下のボタンからもう一度お手続きください。 <small>The bank payment was not completed.</small>"
    )
  }
  if (url.searchParams.get("order") === "last") {
    return showLastOrder()
  }
  return renderShop()
}

start().catch((error) => showError(String(error?.message ?? error), app))
