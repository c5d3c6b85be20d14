import {
  createCardToken,
  isPaygentTokenError,
  loadPaygentToken,
  PAYGENT_TOKEN_SCRIPT_URLS,
  PaygentTokenError,
  simulatorTokenScriptUrl,
  TOKEN_ERRORS,
  type PaygentTokenApi,
  type PaygentTokenResponse,
} from "../token"

const OK: PaygentTokenResponse = {
  result: "0000",
  tokenizedCardObject: {
    token: "tok_aaaabbbbccccdddd",
    masked_card_number: "************4242",
    valid_until: "20181121185202",
    fingerprint: "A1b2C3d4E5f6G7h8I9j0K",
  },
  hc: "4d3c9a7b3f8dd69787e35491f0fa9e750b9642413ad6bc2100af9bba4edaaad9",
}

/** A stand-in for PaygentToken.js that records its calls and answers with `answer`. */
function fakePaygentToken(answer: PaygentTokenResponse | ((card: any) => PaygentTokenResponse | undefined)) {
  const calls: any[] = []
  class FakePaygentToken implements PaygentTokenApi {
    createToken(merchantId: string, key: string, card: any, callback: (r: PaygentTokenResponse) => void) {
      calls.push({ merchantId, key, card })
      const response = typeof answer === "function" ? answer(card) : answer
      if (response) setTimeout(() => callback(response), 0)
    }
    createCvcToken() {
      throw new Error("not used")
    }
  }
  return { FakePaygentToken, calls }
}

const CARD = { number: "4242 4242-4242 4242", expireMonth: 3, expireYear: "2030", cvc: " 123 ", name: " TARO YAMADA " }

describe("createCardToken", () => {
  it("returns exactly the fields the card session expects and normalizes the card input", async () => {
    const { FakePaygentToken, calls } = fakePaygentToken(OK)
    const data = await createCardToken({ merchantId: "123456789", tokenKey: "live_key", card: CARD, paygentToken: FakePaygentToken })
    expect(data).toEqual({
      card_token: "tok_aaaabbbbccccdddd",
      masked_card_number: "************4242",
      valid_until: "20181121185202",
      fingerprint: "A1b2C3d4E5f6G7h8I9j0K",
      token_hc: OK.hc,
      cardholder_name: "TARO YAMADA",
    })
    expect(calls).toEqual([
      {
        merchantId: "123456789",
        key: "live_key",
        card: { card_number: "4242424242424242", expire_year: "30", expire_month: "03", cvc: "123", name: "TARO YAMADA" },
      },
    ])
  })

  it("leaves cardholder_name out when no name is given and keeps two-digit years", async () => {
    const { FakePaygentToken, calls } = fakePaygentToken(OK)
    const data = await createCardToken({
      merchantId: "1",
      tokenKey: "k",
      card: { number: "4242424242424242", expireMonth: "12", expireYear: "30" },
      paygentToken: FakePaygentToken,
    })
    expect(data).not.toHaveProperty("cardholder_name")
    expect(calls[0].card).toMatchObject({ expire_year: "30", expire_month: "12", cvc: "", name: "" })
  })

  it("uses the page's PaygentToken (window) when none is passed", async () => {
    const { FakePaygentToken } = fakePaygentToken(OK)
    const data = await createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, window: { PaygentToken: FakePaygentToken } })
    expect(data.card_token).toBe("tok_aaaabbbbccccdddd")
  })

  const codes = Object.keys(TOKEN_ERRORS).filter((code) => /^\d+$/.test(code))

  it("knows every PaygentToken.js result code of the spec", () => {
    expect(codes.sort()).toEqual(
      ["1100", "1200", "1201", "1300", "1301", "1400", "1401", "1500", "1501", "1502", "1600", "1601", "1700", "7000", "7001", "8000", "9000"].sort()
    )
  })

  it.each([
    ["1100", "configuration", undefined, /ご利用いただけません/, /not available/],
    ["1200", "configuration", undefined, /ご利用いただけません/, /not available/],
    ["1201", "configuration", undefined, /ご利用いただけません/, /not available/],
    ["1300", "input", "number", /カード番号を入力/, /enter the card number/],
    ["1301", "input", "number", /カード番号が正しくありません/, /card number is not valid/],
    ["1400", "input", "expireYear", /有効期限（年）を入力/, /expiry year/],
    ["1401", "input", "expireYear", /有効期限（年）が正しくありません/, /expiry year is not valid/],
    ["1500", "input", "expireMonth", /有効期限（月）を入力/, /expiry month/],
    ["1501", "input", "expireMonth", /有効期限（月）が正しくありません/, /expiry month is not valid/],
    ["1502", "input", "expiry", /期限が切れて/, /has passed/],
    ["1600", "input", "cvc", /セキュリティコードを入力/, /enter the security code/],
    ["1601", "input", "cvc", /セキュリティコードが正しくありません/, /security code is not valid/],
    ["1700", "input", "name", /カード名義/, /cardholder name/],
    ["7000", "browser", undefined, /ブラウザ/, /browser/],
    ["7001", "temporary", undefined, /通信環境/, /connection/],
    ["8000", "temporary", undefined, /メンテナンス/, /maintenance/],
    ["9000", "temporary", undefined, /しばらくしてから/, /try again/],
  ])("maps result %s to a %s error (field %s) with ja/en messages", async (code, kind, field, ja, en) => {
    const { FakePaygentToken } = fakePaygentToken({ result: code })
    const error = await createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, paygentToken: FakePaygentToken }).catch((e) => e)
    expect(error).toBeInstanceOf(PaygentTokenError)
    expect(isPaygentTokenError(error)).toBe(true)
    expect(error).toMatchObject({ code, kind, field })
    expect(error.userMessage.ja).toMatch(ja)
    expect(error.userMessage.en).toMatch(en)
    expect(error.message).toContain(code)
    expect(error.detail).toBeTruthy()
  })

  it("treats an unknown result code as a temporary error and keeps the code", async () => {
    const { FakePaygentToken } = fakePaygentToken({ result: "4242" })
    const error = await createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, paygentToken: FakePaygentToken }).catch((e) => e)
    expect(error).toMatchObject({ code: "4242", kind: "temporary" })
    expect(error.detail).toContain("4242")
  })

  it("treats 0000 without a token as 9000", async () => {
    const { FakePaygentToken } = fakePaygentToken({ result: "0000" })
    await expect(createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, paygentToken: FakePaygentToken })).rejects.toMatchObject({
      code: "9000",
    })
  })

  it("gives up with 7001 when PaygentToken.js never answers", async () => {
    const { FakePaygentToken } = fakePaygentToken(() => undefined)
    await expect(
      createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, paygentToken: FakePaygentToken, timeoutMs: 20 })
    ).rejects.toMatchObject({ code: "7001", kind: "temporary" })
  })

  it("answers 7000 when the script throws (no XMLHttpRequest and the like)", async () => {
    const { FakePaygentToken } = fakePaygentToken(() => {
      throw new Error("boom")
    })
    await expect(createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, paygentToken: FakePaygentToken })).rejects.toMatchObject({
      code: "7000",
    })
  })

  it("refuses with not_loaded when PaygentToken.js is neither loaded nor given a URL", async () => {
    const error = await createCardToken({ merchantId: "1", tokenKey: "k", card: CARD, window: {} }).catch((e) => e)
    expect(error).toMatchObject({ code: "not_loaded", kind: "configuration" })
    expect(error.detail).toMatch(/loadPaygentToken/)
  })

  it("loads the script from scriptUrl first", async () => {
    const { FakePaygentToken } = fakePaygentToken(OK)
    const win: Record<string, unknown> = {}
    const loadScript = jest.fn(async () => {
      win.PaygentToken = FakePaygentToken
    })
    const data = await createCardToken({
      merchantId: "1",
      tokenKey: "k",
      card: CARD,
      scriptUrl: "https://example.test/first/PaygentToken.js",
      window: win,
      loadScript,
    })
    expect(data.card_token).toBe("tok_aaaabbbbccccdddd")
    expect(loadScript).toHaveBeenCalledWith("https://example.test/first/PaygentToken.js")
  })

  it("answers 7001 when the script cannot be loaded", async () => {
    await expect(
      createCardToken({
        merchantId: "1",
        tokenKey: "k",
        card: CARD,
        scriptUrl: "https://example.test/offline/PaygentToken.js",
        window: {},
        loadScript: async () => {
          throw new Error("offline")
        },
      })
    ).rejects.toMatchObject({ code: "7001" })
  })
})

/** Just enough of `document` for the <script> loader. */
function fakeDocument() {
  const appended: any[] = []
  return {
    appended,
    document: {
      createElement: (tag: string) => ({ tag, src: "", charset: "", async: false, onload: null as any, onerror: null as any }),
      head: { appendChild: (node: any) => appended.push(node) },
    },
  }
}

describe("loadPaygentToken", () => {
  it("knows Paygent's production and sandbox URLs and the simulator's", () => {
    expect(PAYGENT_TOKEN_SCRIPT_URLS.production).toBe("https://token.paygent.co.jp/js/PaygentToken.js")
    expect(PAYGENT_TOKEN_SCRIPT_URLS.sandbox).toBe("https://sandbox.paygent.co.jp/js/PaygentToken.js")
    expect(simulatorTokenScriptUrl("http://127.0.0.1:8089/")).toBe("http://127.0.0.1:8089/js/PaygentToken.js")
  })

  it("adds one UTF-8 <script> for the URL however often it is asked", async () => {
    const { FakePaygentToken } = fakePaygentToken(OK)
    const { document, appended } = fakeDocument()
    const win: Record<string, unknown> = {}
    const src = "https://example.test/once/PaygentToken.js"
    const first = loadPaygentToken(src, { document, window: win })
    const second = loadPaygentToken(src, { document, window: win })
    expect(appended).toHaveLength(1)
    expect(appended[0]).toMatchObject({ tag: "script", src, charset: "UTF-8", async: true })
    win.PaygentToken = FakePaygentToken
    appended[0].onload()
    await expect(first).resolves.toBe(FakePaygentToken)
    await expect(second).resolves.toBe(FakePaygentToken)
    await expect(loadPaygentToken(src, { document, window: win })).resolves.toBe(FakePaygentToken)
    expect(appended).toHaveLength(1)
  })

  it("loads nothing when the page already has PaygentToken", async () => {
    const { FakePaygentToken } = fakePaygentToken(OK)
    const { document, appended } = fakeDocument()
    await expect(
      loadPaygentToken("https://example.test/present/PaygentToken.js", { document, window: { PaygentToken: FakePaygentToken } })
    ).resolves.toBe(FakePaygentToken)
    expect(appended).toHaveLength(0)
  })

  it("may be tried again after a failed load", async () => {
    const { document, appended } = fakeDocument()
    const src = "https://example.test/flaky/PaygentToken.js"
    const failed = loadPaygentToken(src, { document, window: {} })
    appended[0].onerror(new Error("blocked"))
    await expect(failed).rejects.toThrow(/Could not load/)
    const win: Record<string, unknown> = {}
    const again = loadPaygentToken(src, { document, window: win })
    expect(appended).toHaveLength(2)
    win.PaygentToken = fakePaygentToken(OK).FakePaygentToken
    appended[1].onload()
    await expect(again).resolves.toBe(win.PaygentToken)
  })

  it("rejects when the loaded script did not define PaygentToken", async () => {
    await expect(
      loadPaygentToken("https://example.test/wrong/PaygentToken.js", { window: {}, loadScript: async () => undefined })
    ).rejects.toThrow(/did not define PaygentToken/)
  })

  it("rejects outside a browser when no document or loader is given", async () => {
    await expect(loadPaygentToken("https://example.test/node/PaygentToken.js", { window: {} })).rejects.toThrow(/browser/)
  })
})
