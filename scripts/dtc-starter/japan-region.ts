/**
 * What a merchant does in the admin to sell in Japan with the starter's seeded store, done through the Admin API:
 * JPY as a store currency, a region 日本 (JPY, Japan) with the four Paygent providers, Japan in the warehouse's
 * service zone with a shipping option priced in yen, and a yen price on every product variant
 * (docs/storefront-nextjs.md, "A JPY region with the four providers").
 */

export const PAYGENT_PROVIDERS = [
  "pp_paygent-card_paygent",
  "pp_paygent-konbini_paygent",
  "pp_paygent-payeasy_paygent",
  "pp_paygent-banknet_paygent",
]

export interface AdminApi {
  get<T = any>(path: string): Promise<T>
  post<T = any>(path: string, body: unknown): Promise<T>
}

export function adminApi(baseUrl: string, token: string): AdminApi {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`)
    return text ? JSON.parse(text) : {}
  }
  return { get: (path) => call("GET", path), post: (path, body) => call("POST", path, body) }
}

export async function adminToken(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  })
  if (!response.ok) throw new Error(`admin login: ${response.status} ${await response.text()}`)
  return (await response.json()).token
}

export interface JapanStore {
  regionId: string
  publishableKey: string
}

/** Sets the store up for Japan (idempotent enough for one run: it creates the region once). */
export async function setUpJapan(admin: AdminApi, options: { yenPrice: number; shippingYen: number }): Promise<JapanStore> {
  const { stores } = await admin.get("/admin/stores")
  const store = stores[0]
  const currencies = (store.supported_currencies ?? []) as { currency_code: string; is_default?: boolean }[]
  if (!currencies.some((c) => c.currency_code === "jpy")) {
    await admin.post(`/admin/stores/${store.id}`, {
      supported_currencies: [...currencies.map((c) => ({ currency_code: c.currency_code, is_default: !!c.is_default })), { currency_code: "jpy" }],
    })
  }

  const { region } = await admin.post("/admin/regions", {
    name: "日本",
    currency_code: "jpy",
    countries: ["jp"],
    automatic_taxes: false,
    payment_providers: PAYGENT_PROVIDERS,
  })

  const { stock_locations } = await admin.get("/admin/stock-locations?fields=id,name,*fulfillment_sets")
  const location = stock_locations.find((l: any) => (l.fulfillment_sets ?? []).length > 0)
  if (!location) throw new Error("the starter's seed left no stock location with a fulfillment set")
  const fulfillmentSet = location.fulfillment_sets[0]
  const { fulfillment_set } = await admin.post(`/admin/fulfillment-sets/${fulfillmentSet.id}/service-zones`, {
    name: "Japan",
    geo_zones: [{ type: "country", country_code: "jp" }],
  })
  const zone = fulfillment_set.service_zones.find((z: any) => z.name === "Japan")
  const { shipping_profiles } = await admin.get("/admin/shipping-profiles")
  await admin.post("/admin/shipping-options", {
    name: "宅配便",
    service_zone_id: zone.id,
    shipping_profile_id: shipping_profiles[0].id,
    provider_id: "manual_manual",
    price_type: "flat",
    type: { label: "宅配便", description: "2〜3日でお届け", code: "jp-standard" },
    prices: [
      { currency_code: "jpy", amount: options.shippingYen },
      { region_id: region.id, amount: options.shippingYen },
    ],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" },
      { attribute: "is_return", value: "false", operator: "eq" },
    ],
  })

  const { products } = await admin.get("/admin/products?limit=100&fields=id,*variants,*variants.prices")
  for (const product of products) {
    for (const variant of product.variants ?? []) {
      const prices = (variant.prices ?? []).filter((p: any) => p.currency_code !== "jpy" && !p.rules?.region_id)
      await admin.post(`/admin/products/${product.id}/variants/${variant.id}`, {
        prices: [
          ...prices.map((p: any) => ({ id: p.id, currency_code: p.currency_code, amount: p.amount })),
          { currency_code: "jpy", amount: options.yenPrice },
        ],
      })
    }
  }

  const { api_keys } = await admin.get("/admin/api-keys?type=publishable&fields=id,token,revoked_at")
  const key = api_keys.find((k: any) => !k.revoked_at)
  if (!key) throw new Error("the starter's seed left no publishable API key")
  return { regionId: region.id, publishableKey: key.token }
}
