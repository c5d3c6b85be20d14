/**
 * Common header checks (P001–P004, P007) and field checks (P005, P006, P008–P012, P014), plus the response format.
 */
import * as fs from "fs"
import * as path from "path"
import { rawRequest, sendTelegram } from "./support/telegram-client"
import { authParams, startTestSim, type TestSim } from "./support/sim"

let t: TestSim
beforeAll(async () => {
  t = await startTestSim({ contract: { atm: false } })
})
afterAll(() => t.close())
beforeEach(() => t.sim.control.reset())

const konbini = (extra: Record<string, string> = {}) => ({
  trading_id: "CVS_1",
  payment_id: "",
  payment_amount: "1000",
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_tel: "09012345678",
  cvs_company_id: "00C005",
  ...extra,
})

describe("common header", () => {
  it("P001 when a credential is missing or empty", async () => {
    const missing = await t.send("094", { payment_id: "1" }, { header: { connect_password: null } })
    expect([missing.result, missing.code]).toEqual(["1", "P001"])
    const empty = await t.send("094", { payment_id: "1" }, { header: { merchant_id: "" } })
    expect(empty.code).toBe("P001")
  })

  it("P002 when the connect password is wrong", async () => {
    const answer = await t.send("094", { payment_id: "1" }, { header: { connect_password: "wrong" } })
    expect(answer.code).toBe("P002")
  })

  it("P003 when telegram_version is not 1.0", async () => {
    expect((await t.send("094", { payment_id: "1" }, { header: { telegram_version: "2.0" } })).code).toBe("P003")
    expect((await t.send("094", { payment_id: "1" }, { header: { telegram_version: null } })).code).toBe("P003")
  })

  it("P004 when a kind goes to another known path", async () => {
    const answer = await t.send("020", authParams(t.token()), { path: "/n/conveni/request" })
    expect(answer.code).toBe("P004")
    expect((await t.send("030", konbini(), { path: "/n/card/request" })).code).toBe("P004")
    expect((await t.send("999", {}, { path: "/n/card/request" })).code).toBe("P004")
  })

  it("checks in Paygent's order: P002 before P003 before P004", async () => {
    const answer = await t.send("030", konbini(), {
      path: "/n/card/request",
      header: { connect_password: "wrong", telegram_version: "9" },
    })
    expect(answer.code).toBe("P002")
    const next = await t.send("030", konbini(), { path: "/n/card/request", header: { telegram_version: "9" } })
    expect(next.code).toBe("P003")
  })

  it("P007 for a method that is not contracted, and for a kind the simulator does not offer", async () => {
    const atm = await t.send("010", { payment_amount: "1000", payment_detail: "ご注文", payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝ" })
    expect(atm.code).toBe("P007")
    const slip = await sendTelegram(t.sim.url, "040", {}, { path: "/n/conveni/request_print" })
    expect(slip.code).toBe("P007")
  })
})

describe("field checks", () => {
  it("P005 when a required parameter is missing, naming it", async () => {
    const { customer_tel, ...withoutTel } = konbini()
    const answer = await t.send("030", withoutTel)
    expect(answer.code).toBe("P005")
    expect(answer.detail).toBe('"[customer_tel]"パラメータが存在しません')
  })

  it("P006 when a required value is empty", async () => {
    const answer = await t.send("030", konbini({ customer_name: "" }))
    expect(answer.code).toBe("P006")
    expect(answer.detail).toContain('"[customer_name]"')
  })

  it("P008 when the type is wrong", async () => {
    const answer = await t.send("030", konbini({ payment_amount: "1,000" }))
    expect(answer.code).toBe("P008")
    expect(answer.detail).toContain('"[payment_amount]"')
  })

  it("P009 when the Windows-31J byte length is too long (full-width characters count twice)", async () => {
    const ok = await t.send("030", konbini({ customer_family_name: "山".repeat(10) }))
    expect(ok.result).toBe("0")
    const tooLong = await t.send("030", konbini({ customer_family_name: "山".repeat(11) }))
    expect(tooLong.code).toBe("P009")
    expect(tooLong.detail).toContain('"[customer_family_name]"')
  })

  it("P010 for an invalid value, a non-JIS X 0208 name and a non-Zengin kana", async () => {
    expect((await t.send("020", authParams(t.token(), { payment_class: "99" }))).detail).toBe('"[payment_class]"パラメータの値は不正です')
    const nec = await t.send("030", konbini({ customer_name: "①" }))
    expect([nec.code, nec.detail]).toEqual(["P010", '"[customer_name]"パラメータの値は不正です'])
    const kana = await t.send("030", konbini({ customer_name_kana: "タロウ" }))
    expect([kana.code, kana.detail]).toEqual(["P010", '"[customer_name_kana]"パラメータの値は不正です'])
  })

  it("P011 over the amount limit (konbini 500,000; Seven-Eleven 300,000)", async () => {
    expect((await t.send("030", konbini({ payment_amount: "500000" }))).result).toBe("0")
    expect((await t.send("030", konbini({ payment_amount: "500001" }))).code).toBe("P011")
    const seven = await t.send("030", konbini({ cvs_company_id: "00C001", sales_type: "1", payment_amount: "300001" }))
    expect(seven.code).toBe("P011")
  })

  it("P012 when the deadline is outside 0–60 days", async () => {
    expect((await t.send("030", konbini({ payment_limit_date: "60" }))).result).toBe("0")
    expect((await t.send("030", konbini({ payment_limit_date: "61" }))).code).toBe("P012")
  })

  it("P014 when the amount is 0", async () => {
    expect((await t.send("030", konbini({ payment_amount: "0" }))).code).toBe("P014")
    expect((await t.send("020", authParams(t.token(), { payment_amount: "0" }))).code).toBe("P014")
  })
})

describe("response format", () => {
  it("answers text/plain Windows-31J key=value lines, result/response_code/response_detail first, empty items as key=", async () => {
    const answer = await t.send("030", konbini())
    expect(answer.contentType).toBe("text/plain; charset=Windows-31J")
    expect(answer.items.slice(0, 3).map(([k]) => k)).toEqual(["result", "response_code", "response_detail"])
    expect(answer.text).toContain("response_code=\r\n")
    expect(answer.text.endsWith("\r\n")).toBe(true)
  })

  it("lists the telegram's full layout on errors, echoing trading_id", async () => {
    const answer = await t.send("020", authParams(t.token(), { trading_id: "ORDER_1", payment_class: "99" }))
    expect(answer.get("trading_id")).toBe("ORDER_1")
    expect(answer.get("payment_id")).toBe("")
    expect(answer.items[answer.items.length - 1][0]).toBe("out_acs_html")
  })

  it("ignores the Content-Type charset (the module sends a malformed one)", async () => {
    const body = "merchant_id=123456789&connect_id=testconnect01&connect_password=TestPassw0rd99&telegram_kind=094&telegram_version=1.0&payment_id=1"
    const response = await rawRequest(`${t.sim.url}/n/ref/paymentref`, {
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" },
    })
    expect(response.body.toString("latin1")).toContain("response_code=13001\r\n")
  })

  it("refuses GET on a telegram path", async () => {
    expect((await rawRequest(`${t.sim.url}/n/card/request`)).status).toBe(405)
  })
})

describe("stateless fixtures replayed against the live simulator answer byte for byte", () => {
  const dir = path.resolve(__dirname, "../../../fixtures/paygent/telegrams")
  const cases = ["020-param-error-P010", "027-no-cards-P026", "091-no-data", "094-not-found-13001"].filter((name) =>
    fs.existsSync(path.join(dir, `${name}.json`)),
  )
  it("has the fixtures", () => expect(cases.length).toBe(4))
  it.each(cases)("%s", async (name) => {
    const fixture = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8"))
    const response = await rawRequest(`${t.sim.url}${fixture.path}`, { body: fixture.request.body })
    expect(response.body.toString("hex")).toBe(fixture.response.body_hex)
  })
})
