import { SHOPPER_MESSAGES } from "./errors"
import type { CardInputContext } from "./card-input"
import { SessionData, stateOf, ThreeDsState } from "./session-data"
import { judgeThreeDsReturn } from "./three-ds-return"

/**
 * The 3-D Secure result Paygent redirected the shopper's browser with (term_url), or its 30-minute timeout
 * call. Applied only to a session waiting for exactly that authentication, and a success only with Paygent's
 * hash (three-ds-return.ts); anything else leaves the session as it was.
 */
export function applyThreeDsResult(ctx: CardInputContext, data: SessionData, result: Record<string, string>): SessionData {
  const { paygent_3ds_result: _ignored, ...rest } = data
  const state = stateOf(rest)
  const verdict = judgeThreeDsReturn({
    sessionId: String(rest.session_id ?? ""),
    state,
    expected: ctx.crypto.open(state?.threeds?.expected),
    result,
    hashKey: ctx.options.threeDsHashKey ?? "",
  })
  if (!verdict.apply || !state) {
    if (!verdict.apply && verdict.reason !== "not_waiting") {
      ctx.logger.warn(`Paygent 3-D Secure result ignored (${verdict.reason}) for session ${String(rest.session_id ?? "")}`)
    }
    return rest
  }
  const resultCode = result.result ?? ""
  const now = new Date().toISOString()
  let threeds: ThreeDsState
  // `expected: null`: the awaited result has come (Medusa merges data, so the key is cleared, not left out).
  if (resultCode === "0" && (result.attempt_kbn !== "1" || ctx.options.threeDsAcceptAttemptError)) {
    threeds = { state: "authenticated", auth_id: result["3ds_auth_id"], attempt_kbn: result.attempt_kbn ?? "", expected: null }
  } else {
    const code = resultCode === "0" ? "attempt_kbn=1" : (result.response_code ?? "")
    const message = code === "31013" ? SHOPPER_MESSAGES.threeDsTimeout : SHOPPER_MESSAGES.threeDsFailed
    threeds = { state: "failed", failure: { response_code: code, message }, expected: null }
    ctx.logger.info(`Paygent 3-D Secure not passed (${code}) for trading_id ${state.trading_id}`)
    return {
      ...rest,
      card_token_sealed: null,
      paygent: { ...state, threeds, last_error: { code, message, at: now } },
    }
  }
  return { ...rest, paygent: { ...state, threeds, last_error: null } }
}
