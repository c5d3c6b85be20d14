import { encodeRequestBody } from "../../src/paygent/codec"
import { noticeHash } from "../../src/paygent/hash"
import type { Simulator } from "../../src/simulator"
import { TEST_KEYS } from "./paygent-app"

export { waitFor } from "./wait-for"

/** The simulator's notice record for a payment and status, as Paygent would push it. */
export function noticeRecordOf(sim: Simulator, paymentId: string, status: string): Record<string, string> {
  const notice = sim.control.listNotices().find((n) => n.payment_id === paymentId && n.items.payment_status === status)
  if (!notice) {
    throw new Error(`no notice ${status} for ${paymentId}`)
  }
  return notice.items
}

/** POSTs a notice record to the shop as Paygent does (Windows-31J, signed with the test hash key); the answer's text. */
export async function postNotice(noticeUrl: string, items: Record<string, string>): Promise<string> {
  const response = await fetch(noticeUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=Windows-31J" },
    body: new Uint8Array(encodeRequestBody([...Object.entries(items), ["hc", noticeHash(items, TEST_KEYS.noticeHashKey)]], "Windows-31J")),
  })
  return response.text()
}
