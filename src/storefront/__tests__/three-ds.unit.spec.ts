import { readThreeDsReturn, startThreeDs, stripThreeDsReturn, threeDsHtmlOf, ThreeDsNotPendingError } from "../three-ds"

const ACS_HTML = '<!DOCTYPE html><html><body onload="document.getElementById(\'acs-form\').submit()"><form id="acs-form"></form></body></html>'

function challengeSession(acs_html: string | undefined = ACS_HTML, state = "challenge") {
  return {
    id: "payses_1",
    status: "requires_more",
    provider_id: "pp_paygent-card_paygent",
    data: { paygent: { method: "card", amount: 3000, attempt: 1, threeds: { state, acs_html } } },
  }
}

function fakeDocument() {
  const calls: string[] = []
  return {
    calls,
    document: {
      open: () => calls.push("open"),
      write: (html: string) => calls.push(`write:${html}`),
      close: () => calls.push("close"),
    },
  }
}

describe("startThreeDs", () => {
  it("replaces the page with the ACS HTML so the browser posts it", () => {
    const { document, calls } = fakeDocument()
    startThreeDs(challengeSession(), { document })
    expect(calls).toEqual(["open", `write:${ACS_HTML}`, "close"])
  })

  it("uses the global document by default", () => {
    const { document, calls } = fakeDocument()
    ;(globalThis as any).document = document
    try {
      startThreeDs(challengeSession())
    } finally {
      delete (globalThis as any).document
    }
    expect(calls).toHaveLength(3)
  })

  it("refuses a session without a pending 3-D Secure authentication", () => {
    const { document, calls } = fakeDocument()
    expect(() => startThreeDs(challengeSession(""), { document })).toThrow(ThreeDsNotPendingError)
    expect(() => startThreeDs(challengeSession(ACS_HTML, "authenticated"), { document })).toThrow(/no 3-D Secure/)
    expect(() => startThreeDs(undefined, { document })).toThrow(ThreeDsNotPendingError)
    expect(calls).toEqual([])
  })

  it("needs a document outside the browser", () => {
    expect(() => startThreeDs(challengeSession())).toThrow(/needs a document/)
  })

  it("threeDsHtmlOf reads the HTML of a waiting session only", () => {
    expect(threeDsHtmlOf(challengeSession())).toBe(ACS_HTML)
    expect(threeDsHtmlOf(challengeSession(ACS_HTML, "failed"))).toBeUndefined()
  })
})

describe("readThreeDsReturn", () => {
  it.each(["ok", "failed"] as const)("reads session_id and paygent_3ds=%s", (outcome) => {
    const url = `https://shop.example.jp/checkout/3ds?step=payment&session_id=payses_01ABC&paygent_3ds=${outcome}`
    expect(readThreeDsReturn(url)).toEqual({ sessionId: "payses_01ABC", outcome })
    expect(readThreeDsReturn(new URL(url))).toEqual({ sessionId: "payses_01ABC", outcome })
    expect(readThreeDsReturn({ href: url })).toEqual({ sessionId: "payses_01ABC", outcome })
  })

  it("accepts a path with a query (e.g. Next.js asPath)", () => {
    expect(readThreeDsReturn("/checkout?session_id=payses_1&paygent_3ds=ok")).toEqual({ sessionId: "payses_1", outcome: "ok" })
  })

  it.each([
    ["no parameters", "https://shop.example.jp/checkout"],
    ["no session", "https://shop.example.jp/checkout?paygent_3ds=ok"],
    ["an unknown outcome", "https://shop.example.jp/checkout?session_id=payses_1&paygent_3ds=maybe"],
    ["an empty session", "https://shop.example.jp/checkout?session_id=&paygent_3ds=ok"],
  ])("is null with %s", (_label, url) => {
    expect(readThreeDsReturn(url)).toBeNull()
  })

  it("strips the parameters for history.replaceState", () => {
    expect(stripThreeDsReturn("https://shop.example.jp/checkout?step=payment&session_id=payses_1&paygent_3ds=ok")).toBe(
      "https://shop.example.jp/checkout?step=payment"
    )
  })
})
