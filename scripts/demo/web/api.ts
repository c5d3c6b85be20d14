/**
 * The demo page's line to Medusa's store API: plain fetch with the publishable key, and the same as the JS SDK's
 * `sdk.client.fetch` (MedusaClientLike), so that the kit's server-side steps run here in the browser.
 */
import type { MedusaClientLike } from "../../../src/storefront"

export interface DemoConfig {
  medusaUrl: string
  adminUrl: string
  toolUrl: string
  simulatorUrl: string
  publishableKey: string
  regionId: string
  merchantId: string
  tokenKey: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

export function storeApi(config: DemoConfig) {
  async function fetchJson<T>(
    path: string,
    init: { method?: string; body?: Record<string, unknown>; query?: Record<string, unknown>; headers?: Record<string, string> } = {}
  ): Promise<T> {
    const url = new URL(`${config.medusaUrl}${path}`)
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value))
    }
    const response = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { "content-type": "application/json", "x-publishable-api-key": config.publishableKey, ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await response.text()
    const json = text ? JSON.parse(text) : {}
    if (!response.ok) throw new ApiError(response.status, json.message ?? `${response.status} ${response.statusText}`)
    return json as T
  }
  const sdk: MedusaClientLike = { client: { fetch: fetchJson } }
  return { fetch: fetchJson, sdk }
}
