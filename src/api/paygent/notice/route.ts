import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { NOTICE_ACK_BODY, parseNotice } from "../../../paygent/notice"
import { NOTICE_MAX_BODY_BYTES, NoticeAnomalyInput, recordNoticeAnomaly, RefusalRecord } from "../../../notices/anomalies"
import { paygentModule } from "../../../modules/paygent/container"
import { receiveAndApply } from "../../../notices/apply"
import { ipAllowed, normalizeIp } from "../../../notices/ip-allow"

/** The body Paygent gets for anything not accepted: not `result=0`, so a genuine notice is sent again. */
const REFUSED_BODY = "result=1"
/** A source whose refusals are past the limit (src/notices/anomalies.ts) gets this status instead of the refusal's. */
const THROTTLED_STATUS = 429

export const AUTHENTICATE = false

class BodyTooLarge extends Error {
  constructor(readonly head: Buffer) {
    super("too large")
  }
}

/** The raw body, read up to the limit (a larger one is not read further). */
async function rawBody(req: MedusaRequest): Promise<Buffer> {
  const preserved = (req as unknown as { rawBody?: Buffer }).rawBody
  if (Buffer.isBuffer(preserved)) {
    if (preserved.length > NOTICE_MAX_BODY_BYTES) {
      throw new BodyTooLarge(preserved.subarray(0, NOTICE_MAX_BODY_BYTES))
    }
    return preserved
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as unknown as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk
    size += buffer.length
    chunks.push(buffer)
    if (size > NOTICE_MAX_BODY_BYTES) {
      throw new BodyTooLarge(Buffer.concat(chunks).subarray(0, NOTICE_MAX_BODY_BYTES))
    }
  }
  return Buffer.concat(chunks)
}

async function refuse(container: MedusaContainer, res: MedusaResponse, status: number, anomaly: NoticeAnomalyInput): Promise<void> {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  let recorded: RefusalRecord = "row"
  try {
    recorded = await recordNoticeAnomaly(paygentModule(container), anomaly)
  } catch (error) {
    logger.error(`Paygent: could not record a refused notice: ${(error as Error).message}`)
  }
  // Logged as often as rows are written (a few per source and minute), so a flood cannot fill the logs either.
  if (recorded === "row") {
    logger.warn(`Paygent: notice from ${anomaly.source_ip || "?"} refused (${anomaly.code}: ${anomaly.reason})`)
  }
  res.status(recorded === "throttle" ? THROTTLED_STATUS : status).type("text/plain").send(REFUSED_BODY)
}

/**
 * The URL registered with Paygent for difference notices (決済情報差分通知, docs/protocol.md §7.2):
 * `https://<your-medusa>/paygent/notice`. The notice is decoded (Windows-31J), its hc checked with the notice
 * hash key, optionally its source address checked, and stored (once per payment_notice_id) before anything else;
 * it is then applied through the apply-paygent-notice workflow (or, a card authorization that changes nothing, marked
 * applied without it: notices/nothing-to-apply.ts) and only then answered `result=0`. If applying fails
 * the notice stays stored for the sync job, so the answer is still `result=0`. A refused notice changes nothing, is
 * answered `result=1` (400, 403, 413; 429 once its source has sent too many) and is recorded bounded: a digest and
 * the first bytes, a count per source and reason (src/notices/anomalies.ts). Bodies over 8 KB are not read.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const container = req.scope
  const service = paygentModule(container)
  const options = service.syncOptions()
  const sourceIp = normalizeIp(req.ip ?? req.socket?.remoteAddress)
  const declared = Number(req.headers?.["content-length"] ?? NaN)

  if (!ipAllowed(sourceIp, options.noticeAllowedIps)) {
    return refuse(container, res, 403, {
      code: "ip_not_allowed",
      reason: "source address not in noticeAllowedIps",
      source_ip: sourceIp,
      body_bytes: Number.isFinite(declared) ? declared : 0,
    })
  }
  if (Number.isFinite(declared) && declared > NOTICE_MAX_BODY_BYTES) {
    return refuse(container, res, 413, { code: "too_large", reason: `body over ${NOTICE_MAX_BODY_BYTES} bytes`, source_ip: sourceIp, body_bytes: declared })
  }
  let raw: Buffer
  try {
    raw = await rawBody(req)
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return refuse(container, res, 413, { code: "too_large", reason: `body over ${NOTICE_MAX_BODY_BYTES} bytes`, source_ip: sourceIp, raw: error.head })
    }
    throw error
  }
  const parsed = parseNotice(raw, service.noticeHashKey())
  if (!parsed.ok) {
    const claimed = /(?:^|&)payment_notice_id=(\d{1,40})(?:&|$)/.exec(raw.subarray(0, 512).toString("latin1"))?.[1]
    return refuse(container, res, 400, { code: parsed.code, reason: parsed.reason, field: parsed.field, source_ip: sourceIp, payment_notice_id: claimed, raw })
  }
  // Storing throws if the database is unavailable: Paygent then gets an error and sends the notice again.
  await receiveAndApply(container, parsed.notice, "push")
  res.status(200).type("text/plain").send(NOTICE_ACK_BODY)
}
