import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { decodeNoticeBody, NOTICE_ACK_BODY, parseNotice } from "../../../paygent/notice"
import { redactParams } from "../../../paygent/redact"
import { paygentModule, receiveAndApply } from "../../../sync/apply"
import { ipAllowed, normalizeIp } from "../../../sync/ip-allow"

/** Paygent notices are a few hundred bytes; anything far larger is not one. */
const MAX_BODY_BYTES = 64 * 1024

/** The body Paygent gets for anything not accepted: not `result=0`, so a genuine notice is sent again. */
const REFUSED_BODY = "result=1"

export const AUTHENTICATE = false

class BodyTooLarge extends Error {}

async function rawBody(req: MedusaRequest): Promise<Buffer> {
  const preserved = (req as unknown as { rawBody?: Buffer }).rawBody
  if (Buffer.isBuffer(preserved)) {
    return preserved
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as unknown as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk
    size += buffer.length
    if (size > MAX_BODY_BYTES) {
      throw new BodyTooLarge()
    }
    chunks.push(buffer)
  }
  return Buffer.concat(chunks)
}

/** What can safely be kept of a refused body: its decoded items, redacted and without hc. */
function readableItems(raw: Buffer): Record<string, string> | null {
  try {
    const { hc: _hc, ...items } = decodeNoticeBody(raw)
    return redactParams(items)
  } catch {
    return null
  }
}

async function refuse(
  container: MedusaContainer,
  res: MedusaResponse,
  status: number,
  anomaly: { code: string; reason: string; field?: string; source_ip: string; raw?: Buffer }
): Promise<void> {
  const fields = anomaly.raw ? readableItems(anomaly.raw) : null
  try {
    await paygentModule(container).createPaygentNoticeAnomalies([
      {
        code: anomaly.code,
        reason: anomaly.reason,
        field: anomaly.field ?? null,
        source_ip: anomaly.source_ip || null,
        payment_notice_id: fields?.payment_notice_id?.slice(0, 40) || null,
        fields,
        body_bytes: anomaly.raw?.length ?? 0,
        received_at: new Date(),
      },
    ])
  } catch (error) {
    container.resolve<Logger>(ContainerRegistrationKeys.LOGGER).error(`Paygent: could not record a refused notice: ${(error as Error).message}`)
  }
  container
    .resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    .warn(`Paygent: notice from ${anomaly.source_ip || "?"} refused (${anomaly.code}: ${anomaly.reason})`)
  res.status(status).type("text/plain").send(REFUSED_BODY)
}

/**
 * The URL registered with Paygent for difference notices (決済情報差分通知, PROTOCOL §7.2):
 * `https://<your-medusa>/paygent/notice`. The notice is decoded (Windows-31J), its hc checked with the notice
 * hash key, optionally its source address checked, and stored (once per payment_notice_id) before anything else;
 * it is then applied through the apply-paygent-notice workflow and only then answered `result=0`. If applying fails
 * the notice stays stored for the sync job, so the answer is still `result=0`. A refused notice is recorded as an
 * anomaly, changes nothing, and is answered `result=1`.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const container = req.scope
  const service = paygentModule(container)
  const options = service.syncOptions()
  const sourceIp = normalizeIp(req.ip ?? req.socket?.remoteAddress)

  if (!ipAllowed(sourceIp, options.noticeAllowedIps)) {
    return refuse(container, res, 403, { code: "ip_not_allowed", reason: "source address not in noticeAllowedIps", source_ip: sourceIp })
  }
  let raw: Buffer
  try {
    raw = await rawBody(req)
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      return refuse(container, res, 413, { code: "too_large", reason: `body over ${MAX_BODY_BYTES} bytes`, source_ip: sourceIp })
    }
    throw error
  }
  const parsed = parseNotice(raw, service.noticeHashKey())
  if (!parsed.ok) {
    return refuse(container, res, 400, { code: parsed.code, reason: parsed.reason, field: parsed.field, source_ip: sourceIp, raw })
  }
  // Storing throws if the database is unavailable: Paygent then gets an error and sends the notice again.
  await receiveAndApply(container, parsed.notice, "push")
  res.status(200).type("text/plain").send(NOTICE_ACK_BODY)
}
