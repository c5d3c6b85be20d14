/**
 * 091 difference inquiry (決済情報差分照会, docs/protocol.md §7.1): one notice record per call. The "busy" rule (9004 for
 * overlapping calls without payment_notice_id) is enforced by the router, which holds the flag across the latency.
 */
import type { SimulatorCore } from "../core"
import { NOTICE_ITEM_NAMES } from "../notices"
import { okAnswer, param, type TelegramAnswer, type TelegramRequest } from "../telegram"

export function handleNoticeInquiry(core: SimulatorCore, request: TelegramRequest): TelegramAnswer {
  const paymentNoticeId = param(request, "payment_notice_id")
  const read =
    paymentNoticeId !== ""
      ? core.notices.readById(Number(paymentNoticeId))
      : core.notices.readNext(param(request, "site_id"))
  const items: [string, string][] = read.record
    ? read.record.items.map(([key, value]) => [key, value])
    : NOTICE_ITEM_NAMES.map((key) => [key, ""])
  // success_detail mirrors success_code when it is not 0, as the spec's examples show.
  return okAnswer([
    ["success_code", read.successCode],
    ["success_detail", read.successCode === "0" ? "" : read.successCode],
    ...items,
  ])
}
