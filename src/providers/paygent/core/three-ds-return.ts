import { timingSafeEqual } from "node:crypto"
import { verifyThreeDsResultHash } from "../../../paygent"
import type { PaygentState } from "./session-data"

/**
 * Which 3-D Secure authentication a card session waits for. Paygent's result hash covers only `result`,
 * `3ds_auth_id` and `attempt_kbn` (docs/protocol.md, the term_url return), nothing that names the session, so a correctly signed
 * result of one session would pass on any other. The 450 answer's `3ds_auth_id` is therefore kept on the session,
 * sealed together with the session and the attempt (`paygent.threeds.expected`), and a result is applied only when
 * it carries that id while the session still waits for it.
 */
export function expectedThreeDsText(sessionId: string, tradingId: string, authId: string): string {
  return JSON.stringify(["3ds", sessionId, tradingId, authId])
}

export type ThreeDsReturnVerdict =
  | { apply: true }
  | {
      apply: false
      /**
       * not_waiting: the session has its result already, moved on or never asked (a replay or a late call);
       * other_authentication: the result is not for the authentication this session waits for;
       * bad_hash: signed, but not by Paygent; unsigned_success: a success must be signed.
       */
      reason: "not_waiting" | "other_authentication" | "bad_hash" | "unsigned_success"
    }

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * Whether a term_url result may be applied to the session. `expected` is the session's opened
 * `paygent.threeds.expected` (undefined when missing, altered or sealed under another secret).
 *
 * A failure without `hc` is accepted for the awaited authentication only: its `3ds_auth_id` is known to nobody but
 * Paygent and the shopper's own browser, so it cannot stop somebody else's attempt (Paygent's 30-minute timeout call
 * is documented without saying whether it is signed).
 */
export function judgeThreeDsReturn(input: {
  sessionId: string
  state: PaygentState | undefined
  expected: string | undefined
  result: Record<string, string>
  hashKey: string
}): ThreeDsReturnVerdict {
  const { state, result } = input
  if (!state || state.threeds?.state !== "challenge") {
    return { apply: false, reason: "not_waiting" }
  }
  const authId = result["3ds_auth_id"] ?? ""
  const awaited = expectedThreeDsText(input.sessionId, state.trading_id ?? "", authId)
  if (!authId || !input.sessionId || input.expected === undefined || !sameText(input.expected, awaited)) {
    return { apply: false, reason: "other_authentication" }
  }
  const resultCode = result.result ?? ""
  if (result.hc) {
    const signed = { result: resultCode, "3ds_auth_id": authId, attempt_kbn: result.attempt_kbn ?? "", hc: result.hc }
    return verifyThreeDsResultHash(signed, input.hashKey) ? { apply: true } : { apply: false, reason: "bad_hash" }
  }
  return resultCode === "0" ? { apply: false, reason: "unsigned_success" } : { apply: true }
}
