import type { AxiosInstance } from "axios"

type Admin = { headers: { authorization: string } }
type Line = { id: string; quantity: number }
type NewLine = { variant_id: string; quantity: number }

/**
 * Medusa's own admin API for order changes — fulfillment, returns, exchanges and claims — as the dashboard calls it.
 * Each builder stops before the confirmation and returns it as a function, so a test can click it twice at once.
 */
export class OrderChanges {
  constructor(
    private readonly api: AxiosInstance,
    private readonly admin: Admin
  ) {}

  /** Fulfils what is not fulfilled yet of every line (a return, exchange or claim needs fulfilled items). */
  async fulfillAll(orderId: string, locationId: string): Promise<void> {
    const { data } = await this.api.get(`/admin/orders/${orderId}?fields=*items,*items.detail`, this.admin)
    const items = data.order.items
      .map((item: any) => ({ id: item.id, quantity: Number(item.quantity) - Number(item.detail?.fulfilled_quantity ?? 0) }))
      .filter((item: any) => item.quantity > 0)
    await this.api.post(`/admin/orders/${orderId}/fulfillments`, { items, location_id: locationId }, this.admin)
  }

  /** A return of `items` up to its request: the returned function confirms it (`POST /admin/returns/:id/request`). */
  async requestReturn(orderId: string, items: Line[], locationId?: string) {
    const { data } = await this.api.post("/admin/returns", { order_id: orderId, ...(locationId ? { location_id: locationId } : {}) }, this.admin)
    const returnId = data.return.id
    await this.api.post(`/admin/returns/${returnId}/request-items`, { items }, this.admin)
    return { returnId, confirm: () => this.api.post(`/admin/returns/${returnId}/request`, {}, this.admin) }
  }

  /** Receiving a requested return, up to its confirmation (`POST /admin/returns/:id/receive/confirm`). */
  async receiveReturn(returnId: string, items: Line[]) {
    await this.api.post(`/admin/returns/${returnId}/receive`, {}, this.admin)
    const { data } = await this.api.post(`/admin/returns/${returnId}/receive-items`, { items }, this.admin)
    return { preview: data.order_preview, confirm: () => this.api.post(`/admin/returns/${returnId}/receive/confirm`, {}, this.admin) }
  }

  /**
   * An exchange (items back, new items out, shipped with `outboundShippingOptionId` when given: Medusa reserves the
   * new items only then) up to its confirmation (`POST /admin/exchanges/:id/request`).
   */
  async exchange(orderId: string, inbound: Line[], outbound: NewLine[], outboundShippingOptionId?: string) {
    const { data } = await this.api.post("/admin/exchanges", { order_id: orderId }, this.admin)
    const exchangeId = data.exchange.id
    await this.api.post(`/admin/exchanges/${exchangeId}/inbound/items`, { items: inbound }, this.admin)
    let { data: added } = await this.api.post(`/admin/exchanges/${exchangeId}/outbound/items`, { items: outbound }, this.admin)
    if (outboundShippingOptionId) {
      added = (
        await this.api.post(`/admin/exchanges/${exchangeId}/outbound/shipping-method`, { shipping_option_id: outboundShippingOptionId }, this.admin)
      ).data
    }
    return {
      exchangeId,
      preview: added.order_preview,
      confirm: () => this.api.post(`/admin/exchanges/${exchangeId}/request`, {}, this.admin),
    }
  }

  /**
   * A claim (type replace or refund) of `claimed` items coming back, optionally with replacements, up to its
   * confirmation (`POST /admin/claims/:id/request`), as the dashboard makes one.
   */
  async claim(orderId: string, type: "replace" | "refund", claimed: Line[], outbound: NewLine[] = []) {
    const { data } = await this.api.post("/admin/claims", { order_id: orderId, type }, this.admin)
    const claimId = data.claim.id
    let { data: step } = await this.api.post(`/admin/claims/${claimId}/inbound/items`, { items: claimed }, this.admin)
    if (outbound.length) {
      step = (await this.api.post(`/admin/claims/${claimId}/outbound/items`, { items: outbound }, this.admin)).data
    }
    return { claimId, preview: step.order_preview, confirm: () => this.api.post(`/admin/claims/${claimId}/request`, {}, this.admin) }
  }
}

/** Settles requests made at once (a double click): each one's status and body, errors included. */
export async function settled(requests: Array<Promise<{ status: number; data: any }>>): Promise<Array<{ status: number; data: any }>> {
  return Promise.all(
    requests.map((request) =>
      request.then(
        (response) => ({ status: response.status, data: response.data }),
        (error) => ({ status: error?.response?.status ?? 0, data: error?.response?.data ?? String(error) })
      )
    )
  )
}
