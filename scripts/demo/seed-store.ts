import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateRegionsWorkflow,
} from "@medusajs/medusa/core-flows"

export const PAYGENT_PROVIDER_IDS = {
  card: "pp_paygent-card_paygent",
  konbini: "pp_paygent-konbini_paygent",
  payeasy: "pp_paygent-payeasy_paygent",
  banknet: "pp_paygent-banknet_paygent",
} as const

export interface SeededStore {
  regionId: string
  salesChannelId: string
  stockLocationId: string
  shippingOptionId: string
  shippingProfileId: string
  publishableKey: string
  variantId: string
  /** A ¥5,000,000 item, to reach the card limit with two of them. */
  expensiveVariantId: string
  /** A free sample (¥0), for zero-total orders. */
  freeVariantId: string
  inventoryItemId: string
  /** Stock of the variant at the stock location right after seeding. */
  stock: number
}

/**
 * A Japanese store ready for checkout: a JPY region with the four Paygent methods (and, unless `systemProvider` is
 * false, Medusa's system provider as a baseline for tests and benches), a sales channel, a stock location with
 * stock, a shipping option and a publishable key.
 */
export async function seedJapaneseStore(
  container: MedusaContainer,
  options: { stock?: number; price?: number; systemProvider?: boolean } = {}
): Promise<SeededStore> {
  const stock = options.stock ?? 100
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)

  const {
    result: [salesChannel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Japan web shop" }] },
  })

  const [store] = await storeModule.listStores()
  await storeModule.updateStores(store.id, {
    supported_currencies: [{ currency_code: "jpy", is_default: true }],
    default_sales_channel_id: salesChannel.id,
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "日本",
          currency_code: "jpy",
          countries: ["jp"],
          automatic_taxes: false,
          payment_providers: [...Object.values(PAYGENT_PROVIDER_IDS), ...(options.systemProvider === false ? [] : ["pp_system_default"])],
        },
      ],
    },
  })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: "東京倉庫", address: { city: "Tokyo", country_code: "JP", address_1: "千代田区1-1" } }] },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "Japan delivery",
    type: "shipping",
    service_zones: [{ name: "Japan", geo_zones: [{ country_code: "jp", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const {
    result: [shippingOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "宅配便",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "宅配便", code: "standard" },
        prices: [
          { currency_code: "jpy", amount: 0 },
          { currency_code: "usd", amount: 0 },
          { region_id: region.id, amount: 0 },
        ],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })

  const product_ = (title: string, handle: string, sku: string, amount: number) => ({
    title,
    handle,
    status: "published" as const,
    shipping_profile_id: profile.id,
    options: [{ title: "Size", values: ["One"] }],
    variants: [
      { title: "One", sku, manage_inventory: false, options: { Size: "One" }, prices: [{ currency_code: "jpy", amount }] },
    ],
    sales_channels: [{ id: salesChannel.id }],
  })
  const {
    result: [product, expensive, free],
  } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: "抹茶 (Matcha) 100g",
          handle: "matcha-100g",
          status: "published",
          shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["100g"] }],
          variants: [
            {
              title: "100g",
              sku: "MATCHA-100",
              manage_inventory: true,
              options: { Size: "100g" },
              // A USD price too, so tests can show that a non-JPY cart is refused by the provider itself.
              prices: [
                { currency_code: "jpy", amount: options.price ?? 3000 },
                { currency_code: "usd", amount: 20 },
              ],
            },
          ],
          sales_channels: [{ id: salesChannel.id }],
        },
        product_("鉄瓶 (Iron kettle)", "iron-kettle", "KETTLE-1", 5_000_000),
        product_("試供品 (Free sample)", "free-sample", "SAMPLE-0", 0),
      ],
    },
  })

  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "inventory_items.inventory_item_id"],
    filters: { id: product.variants[0].id },
  })
  const inventoryItemId = variants[0].inventory_items[0].inventory_item_id
  await createInventoryLevelsWorkflow(container).run({
    input: { inventory_levels: [{ location_id: location.id, inventory_item_id: inventoryItemId, stocked_quantity: stock }] },
  })

  const {
    result: [apiKey],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [salesChannel.id] },
  })

  return {
    regionId: region.id,
    salesChannelId: salesChannel.id,
    stockLocationId: location.id,
    shippingOptionId: shippingOption.id,
    shippingProfileId: profile.id,
    publishableKey: apiKey.token,
    variantId: product.variants[0].id,
    expensiveVariantId: expensive.variants[0].id,
    freeVariantId: free.variants[0].id,
    inventoryItemId,
    stock,
  }
}

/** A product of the demo catalogue: one variant, its stock kept by Medusa's inventory. */
export interface StockedProduct {
  title: string
  handle: string
  sku: string
  price: number
  stock: number
  description?: string
}

/** Adds products with managed stock at the store's stock location (the demo's catalogue beyond the test seed). */
export async function addStockedProducts(
  container: MedusaContainer,
  store: Pick<SeededStore, "salesChannelId" | "stockLocationId" | "shippingProfileId">,
  products: StockedProduct[]
): Promise<{ handle: string; variantId: string; inventoryItemId: string }[]> {
  const { result } = await createProductsWorkflow(container).run({
    input: {
      products: products.map((p) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: "published" as const,
        shipping_profile_id: store.shippingProfileId,
        options: [{ title: "Size", values: ["One"] }],
        variants: [
          {
            title: "One",
            sku: p.sku,
            manage_inventory: true,
            options: { Size: "One" },
            prices: [{ currency_code: "jpy", amount: p.price }],
          },
        ],
        sales_channels: [{ id: store.salesChannelId }],
      })),
    },
  })
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "sku", "inventory_items.inventory_item_id"],
    filters: { id: result.map((product) => product.variants[0].id) },
  })
  const created = products.map((p) => {
    const variant = variants.find((v: any) => v.sku === p.sku)!
    return { handle: p.handle, variantId: variant.id, inventoryItemId: variant.inventory_items[0].inventory_item_id }
  })
  await createInventoryLevelsWorkflow(container).run({
    input: {
      inventory_levels: created.map((c, i) => ({
        location_id: store.stockLocationId,
        inventory_item_id: c.inventoryItemId,
        stocked_quantity: products[i].stock,
      })),
    },
  })
  return created
}

/** The demo store's catalogue beyond matcha (which seedJapaneseStore creates with `stock`). */
export const DEMO_PRODUCTS: StockedProduct[] = [
  { title: "急須 (Kyusu teapot)", handle: "kyusu-teapot", sku: "KYUSU-1", price: 4800, stock: 10, description: "常滑焼の急須 / A Tokoname clay teapot" },
  { title: "手ぬぐい (Tenugui towel)", handle: "tenugui", sku: "TENUGUI-1", price: 1200, stock: 50, description: "綿の手ぬぐい / A cotton hand towel" },
]

export interface DemoStore extends SeededStore {
  /** Bump when the demo seed changes in a way an existing demo database should not keep. */
  seedVersion: number
  demoVariants: { handle: string; variantId: string; inventoryItemId: string }[]
}

/** 3: the region offers the four Paygent methods only (no Medusa "Manual Payment"). */
export const DEMO_SEED_VERSION = 3

/**
 * The demo store, created once: the first run seeds it and records the ids in the store's metadata
 * (`paygent_demo`); later runs return that record. A database with a Japanese region but no record (a seed
 * interrupted half-way, or a store seeded by hand) is refused with a hint to start over.
 */
export async function ensureDemoStore(container: MedusaContainer): Promise<{ store: DemoStore; created: boolean }> {
  const storeModule = container.resolve(Modules.STORE)
  const regionModule = container.resolve(Modules.REGION)
  const [medusaStore] = await storeModule.listStores()
  const recorded = (medusaStore?.metadata as { paygent_demo?: DemoStore } | null)?.paygent_demo
  if (recorded && (recorded.seedVersion === DEMO_SEED_VERSION || recorded.seedVersion === 2)) {
    const regions = await regionModule.listRegions({ id: recorded.regionId })
    if (regions.length === 1) {
      if (recorded.seedVersion === 2) {
        // A demo store of the previous seed: its region also offered Medusa's "Manual Payment"; a Paygent shop would not.
        await updateRegionsWorkflow(container).run({
          input: { selector: { id: recorded.regionId }, update: { payment_providers: Object.values(PAYGENT_PROVIDER_IDS) } },
        })
        const upgraded: DemoStore = { ...recorded, seedVersion: DEMO_SEED_VERSION }
        await storeModule.updateStores(medusaStore.id, { metadata: { ...(medusaStore.metadata ?? {}), paygent_demo: upgraded } })
        return { store: upgraded, created: false }
      }
      return { store: recorded, created: false }
    }
  }
  const regions = await regionModule.listRegions({}, { relations: ["countries"] })
  if (regions.some((region) => region.countries?.some((country) => country.iso_2 === "jp"))) {
    throw new Error(
      "This database already has a region for Japan that the demo did not record (an interrupted first run?). " +
        "Start over with `npm run demo -- --reset`."
    )
  }
  // The region offers what a Paygent shop would: the four Paygent methods, not Medusa's "Manual Payment".
  const seeded = await seedJapaneseStore(container, { stock: 20, systemProvider: false })
  await storeModule.updateStores(medusaStore.id, { name: "メデューサ商店 (Paygent demo)" })
  const demoVariants = await addStockedProducts(container, seeded, DEMO_PRODUCTS)
  const store: DemoStore = { ...seeded, seedVersion: DEMO_SEED_VERSION, demoVariants }
  const [current] = await storeModule.listStores()
  await storeModule.updateStores(current.id, { metadata: { ...(current.metadata ?? {}), paygent_demo: store } })
  return { store, created: true }
}
