import axios, { type AxiosInstance } from "axios"
import { explainAxiosErrors } from "./api-errors"
import type { SeededStore } from "./seed-store"
import { Shopper } from "./shopper"

export interface LoggedInCustomer {
  id: string
  /** The customer's JWT (the storefront's `authorization: Bearer …`). */
  token: string
  /** An API client that carries the publishable key and the customer's token. */
  api: AxiosInstance
  shopper: Shopper
}

/** A customer registered and logged in the way a storefront does it (emailpass, then /store/customers). */
export async function registerCustomer(api: AxiosInstance, store: SeededStore, name: string): Promise<LoggedInCustomer> {
  const publishable = { "x-publishable-api-key": store.publishableKey }
  const email = `${name}-${Date.now()}@example.jp`
  const password = "customer-password"
  const { data: registered } = await api.post("/auth/customer/emailpass/register", { email, password })
  const { data: created } = await api.post(
    "/store/customers",
    { email, first_name: "太郎", last_name: "山田" },
    { headers: { ...publishable, authorization: `Bearer ${registered.token}` } }
  )
  const { data: login } = await api.post("/auth/customer/emailpass", { email, password })
  const client = axios.create({ baseURL: api.defaults.baseURL, headers: { ...publishable, authorization: `Bearer ${login.token}` } })
  explainAxiosErrors(client)
  return { id: created.customer.id, token: login.token, api: client, shopper: new Shopper(client, store) }
}
