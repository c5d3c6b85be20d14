/** Notice bodies as Paygent posts them: Windows-31J form encoding, `hc` over the identifying items. */
import { encodeRequestBody } from "../../src/paygent/codec"
import { noticeHash } from "../../src/paygent/hash"
import { request, type Reply } from "./http"

export const NOTICE_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=Windows-31J"

export function signedBody(items: Record<string, string>, key: string, hc?: string): Buffer {
  return encodeRequestBody([...Object.entries(items), ["hc", hc ?? noticeHash(items, key)]], "Windows-31J")
}

export function postNotice(baseUrl: string, body: Buffer | string, contentType = NOTICE_CONTENT_TYPE): Promise<Reply> {
  return request("POST", `${baseUrl}/paygent/notice`, { raw: body, headers: { "content-type": contentType }, timeoutMs: 60_000 })
}
