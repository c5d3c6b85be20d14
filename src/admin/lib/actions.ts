/** Which of the widget's actions apply to an order's Paygent payments right now. */
import type { OrderView, PaygentAction } from "./types"
import { STATUS, isAuthorized, isCardHolding, isPaid } from "../../paygent/statuses"

export interface AvailableAction {
  action: PaygentAction
  /** i18n key of the button. */
  labelKey: string
  variant: "primary" | "secondary" | "danger"
}

const CLOSED_ORDER = new Set(["canceled", "completed", "archived"])

export function availableActions(view: OrderView): AvailableAction[] {
  const actions: AvailableAction[] = []
  // Attempts that ended (expired, cancelled, replaced…) are shown, but nothing can be done with them.
  const live = view.payments.filter((p) => !p.ended)
  const cards = live.filter((p) => p.method === "card" && p.medusa_payment_id && !p.medusa.canceled_at)
  const authorized = cards.filter((p) => p.status.code === STATUS.AUTHORIZED && p.medusa.captured === 0)
  if (authorized.some((p) => !p.capture_deadline_passed) && !CLOSED_ORDER.has(view.order.status)) {
    actions.push({ action: "capture", labelKey: "paygent.actions.capture", variant: "primary" })
  }
  // Paygent holds more than the order total: bring it down (028 before capture, 029 after).
  const above = cards.find(
    (p) => isCardHolding(p.status.code) && p.amount_at_paygent > view.order.total && view.order.total > 0
  )
  if (above && view.order.status !== "canceled") {
    actions.push({
      action: "change-amount",
      labelKey: above.status.code === STATUS.AUTHORIZED ? "paygent.actions.changeAuthorization" : "paygent.actions.changeSales",
      variant: "secondary",
    })
  }
  const holding = live.some((p) => (p.status.code === STATUS.APPLIED || isAuthorized(p.status.code) || isPaid(p.status.code)))
  const voidLeft = view.order.status === "canceled" && authorized.length > 0
  if ((holding && !CLOSED_ORDER.has(view.order.status)) || voidLeft) {
    actions.push({ action: "cancel", labelKey: "paygent.actions.cancel", variant: "danger" })
  }
  if (live.some((p) => p.payment_id || p.trading_id)) {
    actions.push({ action: "refresh", labelKey: "paygent.actions.refresh", variant: "secondary" })
  }
  return actions
}
