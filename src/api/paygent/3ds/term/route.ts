import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IPaymentModuleService } from "@medusajs/framework/types"
import { PAYGENT_IDENTIFIERS } from "../../../../providers/paygent/identifiers"

/** The 3-D Secure result items Paygent sends to term_url (docs/protocol.md §11.3); anything else is dropped. */
const RESULT_ITEMS = [
  "result",
  "3ds_auth_id",
  "attempt_kbn",
  "hc",
  "response_code",
  "response_detail",
  "card_brand",
  "masked_card_number",
  "fingerprint",
] as const

function pick(source: Record<string, unknown>): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const key of RESULT_ITEMS) {
    const value = source[key]
    if (typeof value === "string") {
      picked[key] = value
    }
  }
  return picked
}

/** Only the shop's own storefront origins (STORE_CORS) are redirect targets: no open redirect. */
function isStorefrontUrl(req: MedusaRequest, url: string): boolean {
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    return false
  }
  const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const allowed = String(config.projectConfig.http.storeCors ?? "")
    .split(",")
    .map((entry) => entry.trim().replace(/\/$/, ""))
  return allowed.includes(origin)
}

/**
 * term_url of EMV 3-D Secure. Paygent redirects the shopper's browser here (GET) with the authentication result,
 * or calls it itself after 30 minutes with a timeout (31013). The card service checks the result's hash and
 * records it on the payment session; the browser then goes back to the storefront, which completes the cart
 * again (that sends the 020 authorization with the 3ds_auth_id).
 */
async function handle(req: MedusaRequest, res: MedusaResponse) {
  const query = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown>) ?? {}) }
  const sessionId = typeof query.session_id === "string" ? query.session_id : ""
  const paymentModule = req.scope.resolve<IPaymentModuleService>(Modules.PAYMENT)
  const session = sessionId
    ? await paymentModule.retrievePaymentSession(sessionId).catch(() => undefined)
    : undefined
  if (!session || !session.provider_id.startsWith(`pp_${PAYGENT_IDENTIFIERS.card}_`)) {
    res.status(404).type("text/plain").send("unknown payment session")
    return
  }
  const stateOf = (data: unknown) => (data as { paygent?: { threeds?: { state?: string } } } | null)?.paygent?.threeds?.state
  // Only a session waiting for its authentication is handed the result (the provider then checks that it is this
  // session's own); a replay or a late call for a session that moved on writes nothing.
  const updated =
    stateOf(session.data) === "challenge"
      ? await paymentModule.updatePaymentSession({
          id: session.id,
          amount: session.amount,
          currency_code: session.currency_code,
          data: { ...session.data, paygent_3ds_result: pick(query) },
        })
      : session
  const state = stateOf(updated.data)
  const outcome = state === "authenticated" ? "ok" : "failed"
  const returnUrl = (session.data as { return_url?: unknown }).return_url
  if (typeof returnUrl === "string" && isStorefrontUrl(req, returnUrl)) {
    const target = new URL(returnUrl)
    target.searchParams.set("session_id", session.id)
    target.searchParams.set("paygent_3ds", outcome)
    res.redirect(303, target.toString())
    return
  }
  // No storefront page given: a plain page the shopper can close (and what the timeout call receives).
  res.status(200).type("text/html").send(`<!doctype html><meta charset="utf-8"><p id="paygent-3ds-${outcome}">` +
    (outcome === "ok" ? "本人認証が完了しました / Authentication complete" : "本人認証に失敗しました / Authentication failed") +
    "</p>")
}

export const GET = handle
export const POST = handle
