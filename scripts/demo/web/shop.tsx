/**
 * The demo shop's first two steps, plain React over the store API: products with their stock and the cart, then
 * the address (with the shipping method chosen automatically). Nothing Paygent-specific happens here.
 */
import { useEffect, useState } from "react"
import type { Locale } from "../../../src/storefront"
import type { DemoConfig } from "./api"
import { stored, type AddressForm } from "./state"

export type Api = ReturnType<typeof import("./api").storeApi>

export const CART_FIELDS =
  "*items,*shipping_methods,*billing_address,*shipping_address,*payment_collection,*payment_collection.payment_sessions,+total,+subtotal,+shipping_total,+item_total"

export function yen(amount: number | undefined | null): string {
  return `¥${Number(amount ?? 0).toLocaleString("ja-JP")}`
}

export function t(locale: Locale, ja: string, en: string): string {
  return locale === "ja" ? ja : en
}

export async function currentCart(api: Api): Promise<any | undefined> {
  const id = stored.cartId()
  if (!id) return undefined
  try {
    const { cart } = await api.fetch<{ cart: any }>(`/store/carts/${id}`, { query: { fields: CART_FIELDS } })
    if (cart.completed_at) {
      stored.setCartId(undefined)
      return undefined
    }
    return cart
  } catch {
    stored.setCartId(undefined)
    return undefined
  }
}

export function CartPanel(props: { cart: any | undefined; locale: Locale; onCheckout?: () => void; onRemove?: (lineId: string) => void; children?: React.ReactNode }) {
  const { cart, locale } = props
  if (!cart || !(cart.items ?? []).length) {
    return (
      <aside className="panel" id="cart">
        <h2>{t(locale, "カート", "Cart")}</h2>
        <p id="cart-empty">{t(locale, "カートは空です", "Your cart is empty")}</p>
      </aside>
    )
  }
  return (
    <aside className="panel" id="cart">
      <h2>{t(locale, "カート", "Cart")}</h2>
      {cart.items.map((item: any) => (
        <div className="cart-line" key={item.id} data-line={item.id}>
          <span>
            {item.product_title ?? item.title} × {item.quantity}
          </span>
          <span>
            {yen(item.total ?? item.unit_price * item.quantity)}{" "}
            {props.onRemove && (
              <button className="secondary remove" title={t(locale, "削除", "Remove")} onClick={() => props.onRemove!(item.id)}>
                ×
              </button>
            )}
          </span>
        </div>
      ))}
      <div className="total">
        <span>{t(locale, "合計", "Total")}</span>
        <span id="cart-total">{yen(cart.total)}</span>
      </div>
      {props.onCheckout && (
        <button id="to-checkout" onClick={props.onCheckout}>
          {t(locale, "レジに進む", "Checkout")}
        </button>
      )}
      {props.children}
    </aside>
  )
}

const PRODUCT_ORDER = ["matcha-100g", "kyusu-teapot", "tenugui", "free-sample", "iron-kettle"]

export function Shop(props: { api: Api; config: DemoConfig; locale: Locale; onCheckout: () => void }) {
  const { api, config, locale } = props
  const [products, setProducts] = useState<any[] | undefined>()
  const [cart, setCart] = useState<any>()
  const [error, setError] = useState<string>()
  const [adding, setAdding] = useState<string>()

  const reload = async () => setCart(await currentCart(api))
  useEffect(() => {
    void (async () => {
      const { products } = await api.fetch<{ products: any[] }>("/store/products", {
        query: {
          limit: 50,
          region_id: config.regionId,
          fields: "id,title,handle,description,*variants,*variants.calculated_price,+variants.inventory_quantity",
        },
      })
      products.sort((a, b) => PRODUCT_ORDER.indexOf(a.handle) - PRODUCT_ORDER.indexOf(b.handle))
      setProducts(products)
      await reload()
    })().catch((e) => setError(String(e.message ?? e)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const add = async (variantId: string) => {
    setAdding(variantId)
    setError(undefined)
    try {
      let id = (await currentCart(api))?.id
      if (!id) {
        const { cart } = await api.fetch<{ cart: any }>("/store/carts", { body: { region_id: config.regionId } })
        id = cart.id as string
        stored.setCartId(id)
      }
      await api.fetch(`/store/carts/${id}/line-items`, { body: { variant_id: variantId, quantity: 1 } })
      await reload()
    } catch (e) {
      setError(String((e as Error).message))
    } finally {
      setAdding(undefined)
    }
  }

  const remove = async (lineId: string) => {
    await api.fetch(`/store/carts/${stored.cartId()}/line-items/${lineId}`, { method: "DELETE" })
    await reload()
  }

  return (
    <div className="layout">
      <section>
        <h2>{t(locale, "商品", "Products")}</h2>
        {!products && <p className="loading">{t(locale, "読み込み中…", "Loading…")}</p>}
        <div className="products" id="products">
          {products?.map((product) => {
            const variant = product.variants[0]
            const stock =
              variant.manage_inventory === false || variant.inventory_quantity == null
                ? t(locale, "在庫管理なし", "not stocked")
                : t(locale, `在庫 ${variant.inventory_quantity}`, `${variant.inventory_quantity} in stock`)
            return (
              <div className="product" key={product.id} data-handle={product.handle}>
                <div className="title">{product.title}</div>
                <div className="price">
                  {yen(variant.calculated_price?.calculated_amount)} <small>{t(locale, "税込", "incl. tax")}</small>
                </div>
                <div className="stock">{stock}</div>
                <button className="add" disabled={adding === variant.id} onClick={() => void add(variant.id)}>
                  {adding === variant.id ? t(locale, "追加中…", "Adding…") : t(locale, "カートに入れる", "Add to cart")}
                </button>
              </div>
            )
          })}
        </div>
      </section>
      <CartPanel cart={cart} locale={locale} onCheckout={props.onCheckout} onRemove={(id) => void remove(id)} />
      {error && <div className="error">{error}</div>}
    </div>
  )
}

const ADDRESS_FIELDS: { name: keyof AddressForm; ja: string; en: string; wide?: boolean; type?: string }[] = [
  { name: "email", ja: "メールアドレス", en: "E-mail", wide: true, type: "email" },
  { name: "last_name", ja: "姓", en: "Family name" },
  { name: "first_name", ja: "名", en: "Given name" },
  { name: "postal_code", ja: "郵便番号", en: "Postal code" },
  { name: "province", ja: "都道府県", en: "Prefecture" },
  { name: "city", ja: "市区町村", en: "City" },
  { name: "address_1", ja: "番地・建物", en: "Address" },
  { name: "phone", ja: "電話番号", en: "Phone", wide: true, type: "tel" },
]

export function Address(props: { api: Api; locale: Locale; onBack: () => void; onDone: () => void }) {
  const { api, locale } = props
  const [values, setValues] = useState<AddressForm>(stored.address())
  const [cart, setCart] = useState<any>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  useEffect(() => {
    void currentCart(api).then(setCart)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      stored.setAddress(values)
      const { email, ...rest } = values
      const address = { ...rest, country_code: "jp" }
      await api.fetch(`/store/carts/${cart.id}`, { body: { email, shipping_address: address, billing_address: address } })
      const { shipping_options } = await api.fetch<{ shipping_options: { id: string }[] }>("/store/shipping-options", { query: { cart_id: cart.id } })
      if (!shipping_options?.length) throw new Error(t(locale, "配送方法がありません", "No shipping option for this address"))
      await api.fetch(`/store/carts/${cart.id}/shipping-methods`, { body: { option_id: shipping_options[0].id } })
      props.onDone()
    } catch (e) {
      setError(String((e as Error).message))
      setBusy(false)
    }
  }

  return (
    <div className="layout">
      <section>
        <h2>{t(locale, "お届け先", "Shipping address")}</h2>
        <form className="grid" id="address-form" onSubmit={(e) => void submit(e)}>
          {ADDRESS_FIELDS.map((field) => (
            <label key={field.name} className={field.wide ? "wide" : ""}>
              {t(locale, field.ja, field.en)}
              <input
                name={field.name}
                type={field.type ?? "text"}
                required
                value={values[field.name]}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
              />
            </label>
          ))}
          <div className="wide actions">
            <button type="submit" id="to-payment" disabled={busy || !cart}>
              {busy ? t(locale, "処理中…", "Processing…") : t(locale, "お支払い方法の選択へ", "Continue to payment")}
            </button>
            <button type="button" className="secondary" id="back-to-shop" onClick={props.onBack}>
              {t(locale, "買い物を続ける", "Continue shopping")}
            </button>
          </div>
        </form>
        {error && <div className="error">{error}</div>}
      </section>
      <CartPanel cart={cart} locale={locale} />
    </div>
  )
}
