/**
 * The protocol client (src/paygent) against the simulator (src/simulator) over real sockets: mutual TLS with the
 * simulator's generated connection kit (encrypted PEM key and PFX), every payment method's telegrams end to end,
 * each error class the simulator can produce as the client classifies it, the transport failure modes (faults),
 * and one-connection-per-telegram versus keep-alive counted through a TCP proxy.
 *
 * The two sides share no code; each passes the byte fixtures on its own. This file checks they agree in practice.
 */
import { generateKeyPairSync } from "node:crypto"
import net from "node:net"
import forge from "node-forge"
import { PaygentClient, PaygentError, type PaygentClientOptions, type PaygentErrorClass } from "../paygent"
import type { PaygentNoticeRecord } from "../paygent"
import { startSimulator, type Simulator, type SimulatorOptions } from "../simulator"
import { generateCertificates } from "../simulator/certs"

/** Tuesday 2025-06-10 10:00 JST; the simulated clock stays frozen unless a test advances it. */
const START = "2025-06-10T01:00:00Z"

const CREDENTIALS = { merchantId: "123456789", connectId: "testconnect01", connectPassword: "TestPassw0rd99" }

const CARDS = {
  ok: "4111111111111111",
  okJcb: "3530111333300000",
  declined1G12: "4111111111118212",
  inputError1G44: "4111111111118244",
}

let sim: Simulator
/** Client presenting the simulator's certificate with the encrypted PEM key. */
let client: PaygentClient
/** Same certificate as PKCS#12. */
let pfxClient: PaygentClient
const extraClients: PaygentClient[] = []
const extraSims: Simulator[] = []

function pemOptions(s: Simulator, extra: Partial<PaygentClientOptions> = {}): PaygentClientOptions {
  const tls = s.tls!
  return {
    ...CREDENTIALS,
    baseUrl: s.url,
    ca: tls.caPem,
    clientCertificate: { pem: tls.clientCertPem, key: tls.clientKeyPem, passphrase: tls.passphrase },
    ...extra,
  }
}

/** A client closed in afterAll. */
function newClient(options: PaygentClientOptions): PaygentClient {
  const c = new PaygentClient(options)
  extraClients.push(c)
  return c
}

async function newSim(options: SimulatorOptions): Promise<Simulator> {
  const s = await startSimulator({ now: START, ...options })
  extraSims.push(s)
  return s
}

beforeAll(async () => {
  sim = await startSimulator({ tls: true, now: START })
  client = new PaygentClient(pemOptions(sim))
  const tls = sim.tls!
  pfxClient = new PaygentClient({
    ...CREDENTIALS,
    baseUrl: sim.url,
    ca: tls.caPem,
    clientCertificate: { pfx: tls.clientPfx, passphrase: tls.passphrase },
  })
}, 30_000)

afterAll(async () => {
  const closed = await Promise.allSettled([client, pfxClient, ...extraClients].map((c) => c.close()))
  await Promise.all([sim, ...extraSims].map((s) => s.close()))
  // close() must be idempotent (connectionsFor closes its clients before this).
  expect(closed.filter((r) => r.status === "rejected")).toEqual([])
})

beforeEach(() => sim.control.reset())

// ---- helpers ----

let tradingSeq = 0
const tradingId = (prefix = "T") => `${prefix}${Date.now().toString(36)}${(++tradingSeq).toString().padStart(4, "0")}`

function token(cardNumber = CARDS.ok, s: Simulator = sim): string {
  return s.control.createToken({ card_number: cardNumber, expire_month: "12", expire_year: "29", cvc: "123", name: "TARO YAMADA" }).token
}

function authorize(c: PaygentClient, cardNumber = CARDS.ok, extra: Record<string, string | number> = {}, s: Simulator = sim) {
  return c.cardAuthorize({
    trading_id: tradingId("C"),
    payment_amount: 1000,
    "3dsecure_ryaku": "1",
    card_token: token(cardNumber, s),
    ...extra,
  })
}

/** The PaygentError a call rejects with; fails the test when it resolves or throws anything else. */
async function failure(call: Promise<unknown>): Promise<PaygentError> {
  let outcome: unknown
  try {
    outcome = await call
  } catch (err) {
    expect(err).toBeInstanceOf(PaygentError)
    return err as PaygentError
  }
  throw new Error(`expected a PaygentError, the call resolved with ${JSON.stringify(outcome)}`)
}

async function expectClass(call: Promise<unknown>, cls: PaygentErrorClass, code?: string): Promise<PaygentError> {
  const err = await failure(call)
  expect({ class: err.class, response_code: err.response_code }).toEqual({ class: cls, response_code: code ?? err.response_code })
  return err
}

const statusOf = async (c: PaygentClient, paymentId: string) => (await c.paymentInquiry({ payment_id: paymentId })).payment_status
const simStatus = (paymentId: string) => sim.control.getPayment(paymentId)?.payment_status
const telegramCount = () => sim.control.listTelegrams().length

const konbiniRequest = () => ({
  trading_id: tradingId("K"),
  payment_amount: 4980,
  customer_family_name: "山田",
  customer_name: "太郎",
  // Full-width katakana and a hyphenated phone number: the client converts both before sending.
  customer_family_name_kana: "ヤマダ",
  customer_name_kana: "タロウ",
  customer_tel: "090-1234-5678",
  payment_limit_date: 7,
  cvs_company_id: "00C001",
  sales_type: "1" as const,
})

const atmRequest = () => ({
  trading_id: tradingId("A"),
  payment_amount: 5500,
  customer_family_name: "山田",
  customer_name: "太郎",
  customer_family_name_kana: "ﾔﾏﾀﾞ",
  customer_name_kana: "ﾀﾛｳ",
  payment_detail: "ご注文代金",
  payment_detail_kana: "ｺﾞﾁﾕｳﾓﾝﾀﾞｲｷﾝ",
  payment_limit_date: 10,
})

const bankNetRequest = (id = tradingId("B")) => ({
  trading_id: id,
  amount: 15800,
  claim_kana: "ｺﾞﾁﾕｳﾓﾝﾀﾞｲｷﾝ",
  claim_kanji: "ご注文代金",
  customer_family_name: "能登",
  return_url: "https://shop.example.jp/bank/return",
  stop_return_url: "https://shop.example.jp/cart",
})

/** What the buyer does on the ASP screen: choose a bank, which creates the bank-net payment (type 05, status 10). */
async function clickBank(s: Simulator, aspUrl: string, bankCode = "D009"): Promise<string> {
  const list = await (await fetch(aspUrl)).text()
  const href = new RegExp(`data-bank-code="${bankCode}" href="([^"]+)"`).exec(list)?.[1]
  expect(href).toBeDefined()
  const page = await (await fetch(`${s.publicUrl}${href!.replace(/&amp;/g, "&")}`)).text()
  const paymentId = /id="payment-id">([0-9]+)</.exec(page)?.[1]
  expect(paymentId).toMatch(/^[0-9]+$/)
  return paymentId!
}

/** A client certificate from a CA the simulator does not know, made with node-forge (key pair from node:crypto). */
function foreignClientCertificate(): { certPem: string; keyPem: string } {
  const keyPem = (pem: string) => forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey
  const fresh = () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString()
  const caKeyPem = fresh()
  const clientKeyPem = fresh()
  const caKey = keyPem(caKeyPem)
  const clientKey = keyPem(clientKeyPem)
  const make = (cn: string, publicKey: forge.pki.PublicKey, serial: string, isCa: boolean) => {
    const cert = forge.pki.createCertificate()
    cert.publicKey = publicKey
    cert.serialNumber = serial
    cert.validity.notBefore = new Date(Date.now() - 60_000)
    cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000)
    cert.setSubject([{ name: "commonName", value: cn }, { name: "organizationName", value: "NOT PAYGENT" }])
    return cert
  }
  const ca = make("Foreign Test CA", forge.pki.setRsaPublicKey(caKey.n, caKey.e), "01", true)
  ca.setIssuer(ca.subject.attributes)
  ca.setExtensions([{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }])
  ca.sign(caKey, forge.md.sha256.create())
  const leaf = make("foreign-client", forge.pki.setRsaPublicKey(clientKey.n, clientKey.e), "02", false)
  leaf.setIssuer(ca.subject.attributes)
  leaf.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", clientAuth: true },
  ])
  leaf.sign(caKey, forge.md.sha256.create())
  return { certPem: forge.pki.certificateToPem(leaf) + forge.pki.certificateToPem(ca), keyPem: clientKeyPem }
}

/** A TCP pass-through in front of the simulator that counts the connections clients open (TLS stays end to end). */
async function countingProxy(target: URL): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((downstream) => {
    connections++
    const upstream = net.connect(Number(target.port), target.hostname)
    for (const s of [downstream, upstream]) {
      sockets.add(s)
      s.on("error", () => undefined)
      s.on("close", () => sockets.delete(s))
    }
    downstream.pipe(upstream)
    upstream.pipe(downstream)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    url: `${target.protocol}//127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// ---- HTTPS with the client certificate: every method end to end ----

describe("over HTTPS with the simulator's client certificate", () => {
  it("the kit's key is an encrypted PEM and a PFX; both authenticate", async () => {
    expect(sim.url).toMatch(/^https:\/\//)
    expect(sim.tls!.clientKeyPem).toContain("Proc-Type: 4,ENCRYPTED")
    const viaPem = await authorize(client)
    const viaPfx = await authorize(pfxClient)
    expect(viaPem.payment_id).not.toBe(viaPfx.payment_id)
    expect(await statusOf(pfxClient, viaPem.payment_id)).toBe("20")
    expect(await statusOf(client, viaPfx.payment_id)).toBe("20")
  })

  it("card: 020 → 022 → 023 (20 → 40 → 60), and 020 → 021 (20 → 32)", async () => {
    const auth = await authorize(client, CARDS.ok)
    expect(auth.result).toBe("0")
    expect(auth.payment_id).toMatch(/^[0-9]+$/)
    expect(auth.masked_card_number).toBe("************1111")
    expect(auth.card_valid_term).toBe("1229")
    expect(await statusOf(client, auth.payment_id)).toBe("20")

    const capture = await client.cardCapture({ payment_id: auth.payment_id })
    expect([capture.result, capture.payment_id]).toEqual(["0", auth.payment_id])
    expect(await statusOf(client, auth.payment_id)).toBe("40")

    await client.cardCancelSales({ payment_id: auth.payment_id })
    const inquiry = await client.paymentInquiry({ payment_id: auth.payment_id })
    expect([inquiry.payment_type, inquiry.payment_status, inquiry.payment_amount]).toEqual(["02", "60", "1000"])

    const second = await authorize(pfxClient, CARDS.okJcb)
    await pfxClient.cardCancelAuthorization({ payment_id: second.payment_id })
    expect(await statusOf(pfxClient, second.payment_id)).toBe("32")
    expect(simStatus(second.payment_id)).toBe("32")
  })

  it("card: 028 and 029 lower the amount under a new payment_id; raising it is 2013", async () => {
    const auth = await authorize(client, CARDS.ok, { payment_amount: 10000 })

    const changed = await client.cardChangeAuthorization({ payment_id: auth.payment_id, payment_amount: 8000, reduction_flag: "0" })
    expect(changed.payment_id).not.toBe(auth.payment_id)
    expect([changed.base_payment_id, changed.reduced_amount]).toEqual([auth.payment_id, "8000"])
    expect(await statusOf(client, auth.payment_id)).toBe("32")
    const fresh = await client.paymentInquiry({ payment_id: changed.payment_id })
    expect([fresh.payment_status, fresh.payment_amount]).toEqual(["20", "8000"])

    await client.cardCapture({ payment_id: changed.payment_id })
    // reduction_flag 1: the amount to take off.
    const sales = await client.cardChangeSales({ payment_id: changed.payment_id, payment_amount: 3000, reduction_flag: "1" })
    expect(sales.payment_id).not.toBe(changed.payment_id)
    expect([sales.base_payment_id, sales.reduced_amount]).toEqual([changed.payment_id, "5000"])
    expect(await statusOf(client, changed.payment_id)).toBe("60")
    const captured = await client.paymentInquiry({ payment_id: sales.payment_id })
    expect([captured.payment_status, captured.payment_amount]).toEqual(["40", "5000"])

    const raise = await expectClass(
      client.cardChangeAuthorization({ payment_id: (await authorize(client)).payment_id, payment_amount: 1001, reduction_flag: "0" }),
      "rejected",
      "2013"
    )
    expect(raise.retryable).toBe(false)
    const raiseSales = await expectClass(client.cardChangeSales({ payment_id: sales.payment_id, payment_amount: 6000, reduction_flag: "0" }), "rejected", "2013")
    expect(raiseSales.telegram_kind).toBe("029")
    expect(await statusOf(client, sales.payment_id)).toBe("40")
  })

  it("konbini 030: a receipt number, and 094 follows 10 → 40", async () => {
    const request = konbiniRequest()
    const answer = await client.konbiniApply(request)
    expect(answer.receipt_number).toMatch(/^[0-9]{13}$/)
    expect(answer.payment_limit_date).toBe("20250617")
    expect(answer.usable_cvs_company_id).toContain("00C001")
    const telegram = sim.control.listTelegrams().slice(-1)[0]
    expect([telegram.params.customer_family_name_kana, telegram.params.customer_tel]).toEqual(["ﾔﾏﾀﾞ", "09012345678"])

    const before = await client.paymentInquiry({ payment_id: answer.payment_id })
    expect([before.payment_type, before.payment_status, before.trading_id]).toEqual(["03", "10", request.trading_id])
    sim.control.pay(answer.payment_id)
    expect(await statusOf(pfxClient, answer.payment_id)).toBe("40")
  })

  it("ATM 010: the three numbers, and 094 follows 10 → 40", async () => {
    const answer = await pfxClient.atmApply(atmRequest())
    expect(answer.pay_center_number).toMatch(/^[0-9]{1,10}$/)
    expect(answer.customer_number).toMatch(/^[0-9]{1,20}$/)
    expect(answer.conf_number).toMatch(/^[0-9]{6}$/)
    expect(answer.payment_limit_date).toBe("20250620")
    const before = await client.paymentInquiry({ payment_id: answer.payment_id })
    expect([before.payment_type, before.payment_status]).toEqual(["01", "10"])
    sim.control.pay(answer.payment_id)
    expect(await statusOf(client, answer.payment_id)).toBe("40")
  })

  it("bank net 060: the ASP URL; a repeat is 5010 carrying the ASP fields; 094 after the bank click follows 10 → 40", async () => {
    const request = bankNetRequest()
    const answer = await client.bankNetApply(request)
    expect(answer.trading_id).toBe(request.trading_id)
    expect(answer.asp_url.startsWith(`${sim.publicUrl}/banking/asp?`)).toBe(true)

    const repeat = await expectClass(client.bankNetApply(request), "rejected", "5010")
    expect(repeat.fields?.asp_url).toBe(answer.asp_url)
    expect(repeat.fields?.trading_id).toBe(request.trading_id)

    // No payment exists until the buyer chooses a bank.
    await expectClass(client.paymentInquiry({ trading_id: request.trading_id }), "not_found", "13001")
    const paymentId = await clickBank(sim, answer.asp_url)
    const byTrading = await client.paymentInquiry({ trading_id: request.trading_id })
    expect([byTrading.payment_id, byTrading.payment_type, byTrading.payment_status]).toEqual([paymentId, "05", "10"])
    sim.control.pay(paymentId)
    expect(await statusOf(client, paymentId)).toBe("40")
  })

  it("091 returns one record per call until success_code 1, matching every status change", async () => {
    const card = await authorize(client)
    await client.cardCapture({ payment_id: card.payment_id })
    const konbini = await client.konbiniApply(konbiniRequest())
    sim.control.pay(konbini.payment_id, { preliminary: true })
    sim.control.pay(konbini.payment_id)
    const atm = await client.atmApply(atmRequest())
    sim.control.pay(atm.payment_id)
    const bank = await client.bankNetApply(bankNetRequest())
    const bankPayment = await clickBank(sim, bank.asp_url)
    sim.control.pay(bankPayment)

    const records: PaygentNoticeRecord[] = []
    for (let calls = 0; ; calls++) {
      expect(calls).toBeLessThan(50)
      const answer = await (calls % 2 ? pfxClient : client).noticeInquiry()
      if (answer.success_code === "1") {
        expect(answer.record).toBeUndefined()
        break
      }
      expect(answer.success_code).toBe("0")
      records.push(answer.record!)
    }
    expect(records.map((r) => [r.payment_id, r.payment_type, r.payment_status])).toEqual([
      [card.payment_id, "02", "20"],
      [card.payment_id, "02", "40"],
      [konbini.payment_id, "03", "10"],
      [konbini.payment_id, "03", "43"],
      [konbini.payment_id, "03", "40"],
      [atm.payment_id, "01", "40"],
      [bankPayment, "05", "40"],
    ])
    const first = Number(records[0].payment_notice_id)
    expect(records.map((r) => r.payment_notice_id)).toEqual(records.map((_, i) => String(first + i)))
    expect(sim.control.listNotices().every((n) => n.read)).toBe(true)
    expect((await client.noticeInquiry()).success_code).toBe("1")

    // A record asked for by id comes again.
    const again = await client.noticeInquiry({ payment_notice_id: records[3].payment_notice_id })
    expect(again.success_code).toBe("0")
    expect([again.record?.payment_id, again.record?.payment_status]).toEqual([konbini.payment_id, "43"])
  })

  it("stored cards: 025 → 027 → 116 → 020 with the stored card → 026 → 027 not_found", async () => {
    const customer = "CUST_" + tradingId("")
    const set = await client.storedCardSet({ customer_id: customer, card_token: token(CARDS.ok), cardholder_name: "TARO YAMADA" })
    expect(set.customer_card_id).toMatch(/^[0-9]+$/)
    expect(set.num_of_cards).toBe("1")
    await pfxClient.storedCardSet({ customer_id: customer, card_token: token(CARDS.okJcb) })

    const list = await client.storedCardList({ customer_id: customer })
    expect(list.count).toBe(2)
    expect(list.cards).toHaveLength(2)
    const first = list.cards.find((c) => c.customer_card_id === set.customer_card_id)!
    expect([first.customer_id, first.card_number, first.cardholder_name]).toEqual([customer, "************1111", "TARO YAMADA"])

    const updated = await client.storedCardUpdate({ customer_id: customer, customer_card_id: set.customer_card_id, cardholder_name: "HANAKO YAMADA", card_valid_term: "0530" })
    expect(updated.result).toBe("0")
    const one = await client.storedCardList({ customer_id: customer, customer_card_id: set.customer_card_id })
    expect(one.count).toBe(1)
    expect([one.cards[0].cardholder_name, one.cards[0].card_valid_term]).toEqual(["HANAKO YAMADA", "0530"])

    const auth = await client.cardAuthorize({
      trading_id: tradingId("S"),
      payment_amount: 2500,
      "3dsecure_ryaku": "1",
      stock_card_mode: "1",
      customer_id: customer,
      customer_card_id: set.customer_card_id,
    })
    const inquiry = await client.paymentInquiry({ payment_id: auth.payment_id })
    expect([inquiry.payment_status, inquiry.payment_amount]).toEqual(["20", "2500"])

    expect((await client.storedCardDelete({ customer_id: customer, customer_card_id: set.customer_card_id })).num_of_cards).toBe("1")
    expect((await pfxClient.storedCardDelete({ customer_id: customer })).num_of_cards).toBe("0")
    await expectClass(client.storedCardList({ customer_id: customer }), "not_found", "P026")
    await expectClass(client.storedCardUpdate({ customer_id: customer, customer_card_id: set.customer_card_id, cardholder_name: "X" }), "not_found", "P022")
  })
})

// ---- who may connect ----

describe("client certificates and plain HTTP", () => {
  it("a client without a certificate is refused in the handshake: not_sent, nothing reaches the simulator", async () => {
    const bare = newClient({ ...CREDENTIALS, baseUrl: sim.url, ca: sim.tls!.caPem })
    const before = telegramCount()
    const err = await expectClass(bare.paymentInquiry({ payment_id: "1" }), "not_sent", "E02005")
    expect(err.retryable).toBe(true)
    const card = await expectClass(authorize(bare), "not_sent")
    expect(card.telegram_kind).toBe("020")
    expect(telegramCount()).toBe(before)
    expect(sim.control.listPayments()).toHaveLength(0)
  })

  it("a certificate from another CA is refused: not_sent, nothing processed", async () => {
    const foreign = foreignClientCertificate()
    const stranger = newClient({ ...CREDENTIALS, baseUrl: sim.url, ca: sim.tls!.caPem, clientCertificate: { pem: foreign.certPem, key: foreign.keyPem } })
    const before = telegramCount()
    await expectClass(authorize(stranger), "not_sent", "E02005")
    await expectClass(stranger.paymentInquiry({ payment_id: "1" }), "not_sent")
    expect(telegramCount()).toBe(before)
    expect(sim.control.listPayments()).toHaveLength(0)
  })

  it("a server certificate the client cannot verify (no CA given) is not_sent too", async () => {
    // With the PEM kit: Node adds the CA certificates inside a PFX to the trust store, so a PFX that carries
    // the simulator's CA would make its server certificate trusted even without `ca`.
    const untrusting = newClient({ ...pemOptions(sim), ca: undefined })
    await expectClass(untrusting.paymentInquiry({ payment_id: "1" }), "not_sent")
  })

  it("a CA bundle that did not sign the server certificate (another CA of the same name) fails the handshake: not_sent", async () => {
    // generateCertificates() makes a CA with the simulator CA's subject but another key: OpenSSL reports
    // CERT_SIGNATURE_FAILURE rather than an unknown issuer.
    const impostorCa = generateCertificates().caPem
    const wrongCa = newClient({ ...pemOptions(sim), ca: impostorCa })
    const before = telegramCount()
    const err = await expectClass(wrongCa.paymentInquiry({ payment_id: "1" }), "not_sent", "E02005")
    expect(err.response_detail).toMatch(/^TLS handshake failed \(CERT_SIGNATURE_FAILURE\)/)
    expect(telegramCount()).toBe(before)
  })

  it("plain HTTP works against a simulator started with tls: false", async () => {
    const plainSim = await newSim({ tls: false })
    expect(plainSim.url).toMatch(/^http:\/\//)
    expect(plainSim.tls).toBeUndefined()
    const plain = newClient({ ...CREDENTIALS, baseUrl: plainSim.url })
    const auth = await authorize(plain, CARDS.ok, {}, plainSim)
    await plain.cardCapture({ payment_id: auth.payment_id })
    expect(await statusOf(plain, auth.payment_id)).toBe("40")
    expect(plainSim.control.getPayment(auth.payment_id)?.payment_status).toBe("40")
  })
})

// ---- error classes ----

describe("every error class the simulator produces, as the client classifies it", () => {
  it("declined: …8212 → 2001 1G12 (status 11)", async () => {
    const err = await expectClass(authorize(client, CARDS.declined1G12), "declined", "2001")
    expect(err.response_detail).toBe("1G12")
    expect(err.retryable).toBe(false)
    const [payment] = sim.control.listPayments()
    expect(payment.payment_status).toBe("11")
  })

  it("input_error: …8244 → 2003 with payment_id; a retry on the same payment_id succeeds", async () => {
    const id = tradingId("R")
    const err = await expectClass(authorize(client, CARDS.inputError1G44, { trading_id: id }), "input_error", "2003")
    expect(err.response_detail).toBe("1G44")
    expect(err.retryable).toBe(true)
    expect(err.payment_id).toMatch(/^[0-9]+$/)
    expect(await statusOf(client, err.payment_id!)).toBe("10")

    const retried = await authorize(client, CARDS.ok, { trading_id: id, payment_id: err.payment_id! })
    expect(retried.payment_id).toBe(err.payment_id)
    expect(await statusOf(client, err.payment_id!)).toBe("20")
    expect(sim.control.listPayments({ trading_id: id })).toHaveLength(1)
  })

  it("status_conflict: 022 twice → 2004", async () => {
    const auth = await authorize(client)
    await client.cardCapture({ payment_id: auth.payment_id })
    const err = await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "status_conflict", "2004")
    expect(err.telegram_kind).toBe("022")
    expect(await statusOf(client, auth.payment_id)).toBe("40")
  })

  it("expired: 61 days after the authorization (33) a capture is 2007", async () => {
    const auth = await authorize(client)
    await sim.control.advanceClock({ days: 61 })
    expect(await statusOf(client, auth.payment_id)).toBe("33")
    const err = await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "expired", "2007")
    expect(err.retryable).toBe(false)
  })

  it("not_found: 094 of an unknown payment → 13001; 021 of an unknown payment → 2006", async () => {
    await expectClass(client.paymentInquiry({ payment_id: "999999999" }), "not_found", "13001")
    await expectClass(client.cardCancelAuthorization({ payment_id: "999999999" }), "not_found", "2006")
  })

  it("retryable: maintenance P017, rate_limited E002 (the token survives and a re-send passes), busy 9004 on 091", async () => {
    const auth = await authorize(client)
    sim.control.addFault({ telegram_kind: "094", mode: "maintenance" })
    const maintenance = await expectClass(client.paymentInquiry({ payment_id: auth.payment_id }), "retryable", "P017")
    expect(maintenance.retryable).toBe(true)
    expect(await statusOf(client, auth.payment_id)).toBe("20")

    sim.control.addFault({ telegram_kind: "020", mode: "rate_limited" })
    const request = { trading_id: tradingId("L"), payment_amount: 1200, "3dsecure_ryaku": "1" as const, card_token: token() }
    await expectClass(client.cardAuthorize(request), "retryable", "E002")
    expect(sim.control.listPayments({ trading_id: request.trading_id })).toHaveLength(0)
    const resent = await client.cardAuthorize(request)
    expect(await statusOf(client, resent.payment_id)).toBe("20")

    sim.control.addFault({ telegram_kind: "091", mode: "busy" })
    await expectClass(client.noticeInquiry(), "retryable", "9004")
    // The record the busy call did not hand out is still there.
    const next = await client.noticeInquiry()
    expect([next.success_code, next.record?.payment_id]).toEqual(["0", auth.payment_id])
  })

  it("configuration: a wrong connect password → P002; a method not contracted → P007", async () => {
    const wrong = newClient(pemOptions(sim, { connectPassword: "WrongPassw0rd" }))
    const err = await expectClass(wrong.paymentInquiry({ payment_id: "1" }), "configuration", "P002")
    expect(err.retryable).toBe(false)
    expect(JSON.stringify(err)).not.toContain("WrongPassw0rd")

    const noKonbini = await newSim({ tls: true, contract: { konbini: false } })
    const c = newClient(pemOptions(noKonbini))
    await expectClass(c.konbiniApply(konbiniRequest()), "configuration", "P007")
    // Card is still contracted there.
    const auth = await authorize(c, CARDS.ok, {}, noKonbini)
    expect(await statusOf(c, auth.payment_id)).toBe("20")
  })

  describe("unknown_outcome", () => {
    it("drop_before on 022: unknown outcome, and 094 shows the capture did NOT happen (20)", async () => {
      const auth = await authorize(client)
      sim.control.addFault({ telegram_kind: "022", mode: "drop_before" })
      const err = await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "unknown_outcome", "E02005")
      expect(err.retryable).toBe(false)
      expect(await statusOf(client, auth.payment_id)).toBe("20")
    })

    it("process_then_drop on 022: unknown outcome, and 094 shows the capture DID happen (40)", async () => {
      const auth = await authorize(client)
      sim.control.addFault({ telegram_kind: "022", mode: "process_then_drop" })
      await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "unknown_outcome", "E02005")
      expect(await statusOf(client, auth.payment_id)).toBe("40")
    })

    it("delay beyond the client's timeoutMs: unknown outcome (the simulator processed it)", async () => {
      const auth = await authorize(client)
      // The simulator's delay timer outlives close(), so keep it short: it would hold the jest process open.
      const impatient = newClient(pemOptions(sim, { timeoutMs: 600 }))
      const fault = sim.control.addFault({ telegram_kind: "022", mode: "delay", delay_ms: 1_500 })
      const err = await expectClass(impatient.cardCapture({ payment_id: auth.payment_id }), "unknown_outcome", "E02005")
      expect(err.response_detail).toMatch(/no complete response within 600 ms/)
      expect(fault.delay_ms).toBe(1_500)
      expect(await statusOf(client, auth.payment_id)).toBe("40")
    })

    it("http_500 and garbage (no result line): unknown outcome, nothing processed", async () => {
      const auth = await authorize(client)
      sim.control.addFault({ telegram_kind: "022", mode: "http_500" })
      const http500 = await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "unknown_outcome", "E02005")
      expect(http500.http_status).toBe(500)
      sim.control.addFault({ telegram_kind: "022", mode: "garbage" })
      await expectClass(client.cardCapture({ payment_id: auth.payment_id }), "unknown_outcome", "E02005")
      expect(await statusOf(client, auth.payment_id)).toBe("20")
      // Once the faults are used up the capture goes through.
      await client.cardCapture({ payment_id: auth.payment_id })
      expect(await statusOf(client, auth.payment_id)).toBe("40")
    })
  })
})

// ---- connections ----

describe("connections per telegram", () => {
  const N = 6
  let proxy: Awaited<ReturnType<typeof countingProxy>>
  beforeAll(async () => {
    proxy = await countingProxy(new URL(sim.url))
  })
  afterAll(() => proxy.close())

  async function connectionsFor(keepAlive: boolean | undefined): Promise<number> {
    const auth = await authorize(client)
    const c = newClient(pemOptions(sim, { baseUrl: proxy.url, ...(keepAlive === undefined ? {} : { keepAlive }) }))
    const before = proxy.connections()
    for (let i = 0; i < N; i++) expect(await statusOf(c, auth.payment_id)).toBe("20")
    const used = proxy.connections() - before
    await c.close()
    await expect(c.close()).resolves.toBeUndefined()
    return used
  }

  it("default (keepAlive off): one new TCP+TLS connection per telegram", async () => {
    expect(await connectionsFor(undefined)).toBe(N)
  })

  it("keepAlive: true reuses one connection for sequential telegrams", async () => {
    expect(await connectionsFor(true)).toBe(1)
  })
})
