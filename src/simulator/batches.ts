/**
 * Paygent's batches, run when the simulated clock is advanced (docs/protocol.md §6, §7.1, §11.3). Events are applied in
 * time order with the clock set to each event's due time, so change_date and the notice order are what they would be.
 *
 *   card 20 → 33      authorization date + 60 days (Visa/Master: visaMasterAuthValidityDays when set)
 *   card 40 → 41      authorization date + 60 days (refund deadline)
 *   card 10 → 11      30 days after the payment was created (an input error never retried)
 *   konbini/ATM 10 → 12   00:00 JST after the deadline day
 *   konbini 43 → 40   Seven-Eleven 3 days, FamilyMart 2 days after the preliminary notice
 *   bank net 10 → 15  01:00 JST on the second business day after the bank was selected
 *   3DS2 pending → timeout GET to term_url 30 minutes after 450 (re-sent every 60 minutes, up to 3 times)
 *   notices           unread records purged 7 days after they were made
 */
import type { SimulatorCore } from "./core"
import { httpGet } from "./http-get"
import { addBusinessDays, DAY_MS, HOUR_MS, jstDateToMs, MINUTE_MS } from "./jst"
import { hasPreliminaryNotice, preliminaryToClearedDays } from "./konbini-stores"
import type { Payment, ThreeDsAuth } from "./model"
import { termUrlWithResult } from "./telegrams/threeds"

interface DueEvent {
  at: number
  run: () => void | Promise<void>
}

export const UNFINISHED_CARD_PAYMENT_DAYS = 30
export const THREE_DS_TIMEOUT_MS = 30 * MINUTE_MS
export const THREE_DS_TIMEOUT_RESEND_MS = 60 * MINUTE_MS
export const THREE_DS_TIMEOUT_MAX_RESENDS = 3

function authValidityDays(core: SimulatorCore, payment: Payment): number {
  const brand = payment.card?.brand
  const short = core.options.visaMasterAuthValidityDays
  if (short !== undefined && (brand === "VISA" || brand === "MASTER")) return short
  return core.options.cardAuthValidityDays
}

function paymentEvent(core: SimulatorCore, payment: Payment): DueEvent | undefined {
  const move = (at: number, status: string, apply?: () => void): DueEvent => ({
    at,
    run: () => {
      apply?.()
      core.transition(payment, status, "batch")
    },
  })
  const { card, konbini, atm } = payment
  switch (payment.paymentType) {
    case "02":
      if (!card) return undefined
      if (payment.status === "20" && card.authorizedAt !== undefined) {
        return move(card.authorizedAt + authValidityDays(core, payment) * DAY_MS, "33")
      }
      if (payment.status === "40" && card.authorizedAt !== undefined) {
        return move(card.authorizedAt + core.options.cardAuthValidityDays * DAY_MS, "41")
      }
      if (payment.status === "10") return move(payment.createdAt + UNFINISHED_CARD_PAYMENT_DAYS * DAY_MS, "11")
      return undefined
    case "03":
    case "01": {
      const limitDate = konbini?.limitDate ?? atm?.limitDate ?? ""
      if (payment.status === "10" && limitDate !== "") return move(jstDateToMs(limitDate) + DAY_MS, "12")
      if (payment.status === "43" && konbini && hasPreliminaryNotice(konbini.cvsType) && payment.earlyNoticeDate !== undefined) {
        const at = payment.earlyNoticeDate + preliminaryToClearedDays(konbini.cvsType) * DAY_MS
        return move(at, "40", () => (payment.paymentDate = at))
      }
      return undefined
    }
    case "05":
      if (payment.status === "10") return move(addBusinessDays(payment.createdAt, 2, core.options.holidays) + HOUR_MS, "15")
      return undefined
  }
}

async function deliverThreeDsTimeout(core: SimulatorCore, auth: ThreeDsAuth): Promise<void> {
  const at = core.now()
  try {
    const status = await httpGet(termUrlWithResult(core, auth), 5_000)
    // A 2xx or 3xx reply counts as received.
    auth.timeoutDeliveries.push({ at, ok: status >= 200 && status < 400, status })
  } catch (error) {
    auth.timeoutDeliveries.push({ at, ok: false, error: error instanceof Error ? error.message : String(error) })
  }
  core.options.log(`3ds: timeout of ${auth.authId} sent to term_url (${auth.timeoutDeliveries.length}. attempt)`)
}

function threeDsEvent(core: SimulatorCore, auth: ThreeDsAuth): DueEvent | undefined {
  if (auth.state === "pending" || auth.state === "challenge") {
    return {
      at: auth.createdAt + THREE_DS_TIMEOUT_MS,
      run: async () => {
        auth.state = "timed_out"
        auth.result = "1"
        auth.responseCode = "31013"
        await deliverThreeDsTimeout(core, auth)
      },
    }
  }
  const last = auth.timeoutDeliveries[auth.timeoutDeliveries.length - 1]
  if (auth.state === "timed_out" && last && !last.ok && auth.timeoutDeliveries.length <= THREE_DS_TIMEOUT_MAX_RESENDS) {
    return { at: last.at + THREE_DS_TIMEOUT_RESEND_MS, run: () => deliverThreeDsTimeout(core, auth) }
  }
  return undefined
}

function earliestEvent(core: SimulatorCore): DueEvent | undefined {
  let earliest: DueEvent | undefined
  const consider = (event: DueEvent | undefined) => {
    if (event && (!earliest || event.at < earliest.at)) earliest = event
  }
  for (const payment of core.store.payments.values()) consider(paymentEvent(core, payment))
  for (const auth of core.store.threeDsAuths.values()) consider(threeDsEvent(core, auth))
  const purgeAt = core.notices.nextPurgeAt()
  if (purgeAt !== undefined) consider({ at: purgeAt, run: () => void core.notices.purgeExpired(purgeAt) })
  return earliest
}

/** Advances the simulated clock to `target`, running every batch that falls due on the way, in time order. */
export async function advanceClockTo(core: SimulatorCore, target: number): Promise<void> {
  for (let guard = 0; guard < 1_000_000; guard++) {
    const event = earliestEvent(core)
    if (!event || event.at > target) break
    core.clock.moveTo(event.at)
    await event.run()
  }
  core.clock.moveTo(target)
}
