/**
 * EMV 3-D Secure in the browser (docs/protocol.md §11.3): the card session comes back `requires_more` with
 * `data.paygent.threeds.acs_html`, an auto-posting form. Writing it into the page sends the shopper to the card
 * issuer; afterwards the plugin's term_url sends them back to the `return_url` with `?session_id=&paygent_3ds=`.
 */
import { readPaygentState, type PaygentSessionLike } from "./session-state"

/** The part of `document` startThreeDs uses (a real `document` fits). */
export interface WritableDocument {
  open(): unknown
  write(html: string): void
  close(): void
}

export class ThreeDsNotPendingError extends Error {
  readonly name = "ThreeDsNotPendingError"
  constructor() {
    super("This payment session has no 3-D Secure authentication to start (data.paygent.threeds.acs_html).")
  }
}

/** The ACS HTML of a session waiting for 3-D Secure, or undefined. */
export function threeDsHtmlOf(session: PaygentSessionLike | null | undefined): string | undefined {
  const threeds = readPaygentState(session)?.threeds
  return threeds?.state === "challenge" && threeds.acs_html ? threeds.acs_html : undefined
}

/**
 * Replaces the current page with the session's 3-D Secure HTML, which posts itself to the authentication server
 * (the page is left, as with any redirect). Throws ThreeDsNotPendingError when the session has none.
 */
export function startThreeDs(
  session: PaygentSessionLike | null | undefined,
  options: { document?: WritableDocument } = {}
): void {
  const html = threeDsHtmlOf(session)
  if (!html) {
    throw new ThreeDsNotPendingError()
  }
  writeThreeDsPage(html, options)
}

/**
 * Replaces the current page with 3-D Secure HTML a server-side step handed over (`placePaygentOrder` answers
 * `{ type: "three_ds", html }`): the same as startThreeDs, for a storefront whose browser code does not hold the
 * session.
 */
export function writeThreeDsPage(html: string, options: { document?: WritableDocument } = {}): void {
  const doc = options.document ?? (globalThis as { document?: WritableDocument }).document
  if (!doc) {
    throw new Error("3-D Secure needs a document (run it in the browser or pass options.document).")
  }
  doc.open()
  doc.write(html)
  doc.close()
}

export interface ThreeDsReturn {
  /** The payment session that was authenticated. */
  sessionId: string
  /** "ok": complete the cart now; "failed": show the session's `last_error` and take another card. */
  outcome: "ok" | "failed"
}

/** Reads the 3-D Secure return parameters from the `return_url` page's URL; null when they are not there. */
export function readThreeDsReturn(url: string | URL | { href: string }): ThreeDsReturn | null {
  let parsed: URL
  try {
    parsed = typeof url === "string" ? new URL(url, "http://localhost") : new URL(url.href)
  } catch {
    return null
  }
  const sessionId = parsed.searchParams.get("session_id")
  const outcome = parsed.searchParams.get("paygent_3ds")
  if (!sessionId || (outcome !== "ok" && outcome !== "failed")) {
    return null
  }
  return { sessionId, outcome }
}

/** The URL without the 3-D Secure parameters, e.g. for `history.replaceState` so a reload does not act twice. */
export function stripThreeDsReturn(url: string | URL | { href: string }): string {
  const parsed = new URL(typeof url === "string" ? url : url.href)
  parsed.searchParams.delete("session_id")
  parsed.searchParams.delete("paygent_3ds")
  return parsed.toString()
}
