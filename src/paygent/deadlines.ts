/**
 * Paygent's deadlines on a card payment (docs/protocol.md §6.2, §11.8), in one place: the authorization can be
 * captured for 60 days (20 → 33 by batch), and a sale cancelled for 60 days (40 → 41). Standalone: no Medusa.
 */

const DAY_MS = 86_400_000

/** Days an authorization stays capturable (オーソリ有効期間). */
export const AUTH_VALIDITY_DAYS = 60
/** Days a sale stays cancellable by 023 (売上取消期限). */
export const SALES_CANCEL_DAYS = 60

/** The end (23:59:59 JST) of a day given as YYYY-MM-DD or YYYYMMDD: the last moment a konbini / ATM payment is accepted. */
export function endOfJstDay(day: string | null | undefined): Date | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(day ?? "")
  if (!m) {
    return undefined
  }
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T23:59:59+09:00`)
  return Number.isNaN(date.getTime()) ? undefined : date
}

/**
 * The last moments a card authorization can be captured and a sale cancelled through Paygent. Visa / Mastercard get
 * the contract's shorter validity when `visaMasterDays` is set; a card of unknown brand gets it too (the merchant
 * would rather capture early than lose the authorization).
 */
export function cardDeadlines(
  authorizedAt: Date,
  brand: string | undefined,
  visaMasterDays: number | undefined
): { capture_deadline: string; refund_deadline: string } {
  const visaMaster = brand === undefined ? undefined : /^(VISA|MASTER)/i.test(brand)
  const captureDays = visaMasterDays !== undefined && visaMaster !== false ? visaMasterDays : AUTH_VALIDITY_DAYS
  return {
    capture_deadline: new Date(authorizedAt.getTime() + captureDays * DAY_MS).toISOString(),
    refund_deadline: new Date(authorizedAt.getTime() + SALES_CANCEL_DAYS * DAY_MS).toISOString(),
  }
}

/** The capture deadline the provider recorded (an instant, or a day ending 23:59:59 JST), else 60 days after the authorization. */
export function captureDeadline(state: { capture_deadline?: string | null; authorized_at?: string | null }): Date | undefined {
  const recorded = state.capture_deadline
  if (recorded) {
    const end = /^\d{4}-\d{2}-\d{2}$/.test(recorded) ? endOfJstDay(recorded) : new Date(recorded)
    if (end && !Number.isNaN(end.getTime())) {
      return end
    }
  }
  if (!state.authorized_at) {
    return undefined
  }
  const authorized = new Date(state.authorized_at)
  return Number.isNaN(authorized.getTime()) ? undefined : new Date(authorized.getTime() + AUTH_VALIDITY_DAYS * DAY_MS)
}
