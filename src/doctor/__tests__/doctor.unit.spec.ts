/** `medusa-paygent doctor` against the simulator with mutual TLS (src/simulator, tls: true). */
import * as https from "node:https"
import type { AddressInfo } from "node:net"
import { generateCertificates } from "../../simulator/certs"
import { runDoctor } from "../run"
import type { CheckId, DoctorReport } from "../types"
import { makeCertificate, startHarness, startNoticeServer, writeFile, type Harness, type NoticeServer } from "./support"

jest.setTimeout(30_000)

let h: Harness
let notice: NoticeServer
beforeAll(async () => {
  h = await startHarness()
  notice = await startNoticeServer("result0")
})
afterAll(async () => {
  await notice.close()
  await h.close()
})
afterEach(() => h.sim.control.clearFaults())

const run = (options: Record<string, unknown>, noticeUrl?: string) =>
  runDoctor({ options, source: { kind: "config", path: "test" }, noticeUrl, timeoutMs: 5_000 })

const check = (report: DoctorReport, id: CheckId) => report.checks.find((c) => c.id === id)!
const statuses = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]))

const ALL_PASS = {
  options: "pass",
  certificate_file: "pass",
  passphrase: "pass",
  certificate_expiry: "pass",
  ca_file: "pass",
  host: "pass",
  telegram: "pass",
  notice_url: "pass",
  hash_keys: "pass",
}

describe("a correct setup", () => {
  it("passes every check (PEM certificate + separate encrypted key, given as file paths)", async () => {
    const report = await run(h.options(), notice.url)
    expect(statuses(report)).toEqual(ALL_PASS)
    expect(report.ok).toBe(true)
    expect(report.target).toBe(h.sim.url)
    expect(check(report, "telegram").code).toBe("13001")
    expect(check(report, "host").data).toMatchObject({ tls: expect.stringMatching(/^TLSv1\.[23]$/), http_status: 405 })
    expect(check(report, "certificate_expiry").data!.days_left).toBeGreaterThan(1000)
    // The receiver got one correctly signed notice.
    expect(notice.received.at(-1)).toMatchObject({ verified: true, fields: { payment_notice_id: "0", trading_id: "PAYGENT_DOCTOR_TEST" } })
    for (const c of report.checks) {
      expect(c.ja.length).toBeGreaterThan(0)
      expect(c.en.length).toBeGreaterThan(0)
    }
  })

  it("passes with the PHP kit's single file (encrypted key + certificate in one PEM)", async () => {
    const report = await run(h.options({ clientCertificate: h.sim.tls!.clientKitPath, clientKey: undefined }), notice.url)
    expect(statuses(report)).toEqual(ALL_PASS)
  })

  it("passes with the PFX, given as a file path", async () => {
    const report = await run(h.options({ clientCertificate: undefined, clientKey: undefined, clientPfx: h.sim.tls!.clientPfxPath }), notice.url)
    expect(statuses(report)).toEqual(ALL_PASS)
    expect(check(report, "passphrase").en).toMatch(/opens the PFX/)
  })

  it("passes with the certificate, key and CA given as content instead of paths", async () => {
    const tls = h.sim.tls!
    const report = await run(h.options({ clientCertificate: tls.clientCertPem, clientKey: tls.clientKeyPem, caCertificate: tls.caPem }), notice.url)
    expect(statuses(report)).toEqual(ALL_PASS)
    expect(check(report, "certificate_file").en).toMatch(/inline/)
  })
})

describe("certificate problems", () => {
  it("wrong pass-phrase: check 3 fails and says so; nothing is sent", async () => {
    const report = await run(h.options({ certificatePassphrase: "not-the-passphrase" }), notice.url)
    const passphrase = check(report, "passphrase")
    expect(passphrase.status).toBe("fail")
    expect(passphrase.code).toMatch(/^E02004/)
    expect(passphrase.ja).toMatch(/パスフレーズが正しくありません/)
    expect(passphrase.en).toMatch(/pass-phrase is wrong/)
    expect(check(report, "certificate_file").status).toBe("pass")
    // The certificate itself still has readable dates.
    expect(check(report, "certificate_expiry").status).toBe("pass")
    expect(check(report, "host").status).toBe("skip")
    expect(check(report, "host").en).toMatch(/only TCP/)
    expect(check(report, "telegram").status).toBe("skip")
    expect(report.ok).toBe(false)
  })

  it("an encrypted key without any pass-phrase fails check 3", async () => {
    const report = await run(h.options({ certificatePassphrase: undefined }))
    expect(check(report, "passphrase").status).toBe("fail")
    expect(check(report, "passphrase").en).toMatch(/encrypted — configure its pass-phrase/)
  })

  it("a key that does not belong to the certificate fails check 3", async () => {
    const other = generateCertificates()
    const report = await run(h.options({ clientKey: writeFile(h.dir, "other-key.pem", other.clientKeyPem) }))
    expect(check(report, "passphrase").status).toBe("fail")
    expect(check(report, "passphrase").en).toMatch(/does not belong|could not be loaded/)
  })

  it("a certificate from another CA is refused by the host (P016-like) and the telegram is not sent", async () => {
    const foreign = generateCertificates()
    const report = await run(
      h.options({
        clientCertificate: writeFile(h.dir, "foreign-cert.pem", foreign.clientCertPem),
        clientKey: writeFile(h.dir, "foreign-key.pem", foreign.clientKeyPem),
      })
    )
    expect(check(report, "certificate_file").status).toBe("pass")
    expect(check(report, "passphrase").status).toBe("pass")
    const host = check(report, "host")
    expect(host.status).toBe("fail")
    expect(host.ja).toMatch(/P016 相当/)
    expect(host.en).toMatch(/client certificate was refused \(like P016\)/)
    const telegram = check(report, "telegram")
    expect(telegram.status).toBe("fail")
    expect(telegram.en).toMatch(/P016|client certificate/)
    expect(report.ok).toBe(false)
  })

  it("an expired certificate fails check 4 with the days since expiry", async () => {
    const expired = makeCertificate(-400, -12)
    const report = await run(
      h.options({
        clientCertificate: writeFile(h.dir, "expired-cert.pem", expired.certPem),
        clientKey: writeFile(h.dir, "expired-key.pem", expired.keyPem),
        certificatePassphrase: undefined,
      })
    )
    const expiry = check(report, "certificate_expiry")
    expect(expiry.status).toBe("fail")
    expect(expiry.code).toBe("expired")
    expect(expiry.data!.days_left).toBe(-12)
    expect(expiry.en).toMatch(/has expired .*12 day\(s\) ago/)
    expect(expiry.ja).toMatch(/有効期限が切れています.*12 日経過/)
  })

  it("a certificate with less than 30 days left is a warning with the days left", async () => {
    const soon = makeCertificate(-300, 10.5)
    const report = await run(
      h.options({
        clientCertificate: writeFile(h.dir, "soon-cert.pem", soon.certPem),
        clientKey: writeFile(h.dir, "soon-key.pem", soon.keyPem),
      })
    )
    const expiry = check(report, "certificate_expiry")
    expect(expiry.status).toBe("warn")
    expect(expiry.data!.days_left).toBe(10)
    expect(expiry.en).toMatch(/expires in 10 day\(s\)/)
    expect(expiry.ja).toMatch(/残り 10 日/)
  })

  it("a missing certificate file fails checks 1 and 2 with the path", async () => {
    const missing = `${h.dir}/nope.pem`
    const report = await run(h.options({ clientCertificate: missing }))
    expect(check(report, "options").status).toBe("fail")
    expect(check(report, "options").en).toMatch(/clientCertificate names a file that does not exist/)
    expect(check(report, "certificate_file").status).toBe("fail")
    expect(check(report, "certificate_file").code).toBe("ENOENT")
    expect(check(report, "certificate_file").en).toContain(missing)
  })

  it("a CA file that is not PEM fails check 5", async () => {
    const report = await run(h.options({ caCertificate: writeFile(h.dir, "ca.der", Buffer.from([0x30, 0x82, 1, 2, 3])) }))
    expect(check(report, "ca_file").status).toBe("fail")
    expect(check(report, "ca_file").en).toMatch(/no PEM certificate/)
    expect(check(report, "telegram").status).toBe("skip")
  })

  it("without the CA file the simulator's server certificate cannot be verified: check 6 explains the CA", async () => {
    const report = await run(h.options({ caCertificate: undefined }))
    expect(check(report, "ca_file").status).toBe("warn")
    expect(check(report, "host").status).toBe("fail")
    expect(check(report, "host").en).toMatch(/server certificate could not be verified .*caCertificate/)
  })
})

describe("Paygent answers", () => {
  it("a wrong connect password gets P002, explained with the fix", async () => {
    const report = await run(h.options({ connectPassword: "WrongPassw0rd" }))
    const telegram = check(report, "telegram")
    expect(telegram.status).toBe("fail")
    expect(telegram.code).toBe("P002")
    expect(telegram.ja).toMatch(/接続IDまたは接続パスワードが違います/)
    expect(telegram.en).toMatch(/wrong connect ID or connect password — set the values Paygent issued/)
    expect(check(report, "host").status).toBe("pass")
    expect(report.ok).toBe(false)
  })

  it("maintenance (the simulator's fault) gets P017, explained", async () => {
    h.sim.control.addFault({ telegram_kind: "094", mode: "maintenance" })
    const report = await run(h.options())
    const telegram = check(report, "telegram")
    expect(telegram.status).toBe("fail")
    expect(telegram.code).toBe("P017")
    expect(telegram.ja).toMatch(/メンテナンス中/)
    expect(telegram.en).toMatch(/under maintenance — not a configuration problem; run the doctor again/)
  })

  it.each([
    ["P015", /register this server's outgoing IP address/, /送信元IPアドレス.*登録してください/],
    ["P016", /client certificate was refused \(like P016\)/, /P016 相当/],
  ])("%s (which the simulator never answers) is explained with the fix", async (code, en, ja) => {
    // A stand-in Paygent with mutual TLS that answers every telegram with `code`.
    const pki = generateCertificates()
    const server = https.createServer(
      { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        req.resume()
        if (req.method !== "POST") res.writeHead(405).end()
        else res.writeHead(200, { "content-type": "text/plain; charset=Windows-31J" }).end(`result=1\r\nresponse_code=${code}\r\nresponse_detail=\r\n`)
      }
    )
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const kit = {
        baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
        clientCertificate: writeFile(h.dir, `${code}-cert.pem`, pki.clientCertPem),
        clientKey: writeFile(h.dir, `${code}-key.pem`, pki.clientKeyPem),
        caCertificate: writeFile(h.dir, `${code}-ca.pem`, pki.caPem),
      }
      const report = await run(h.options(kit))
      expect(check(report, "host").status).toBe("pass")
      const telegram = check(report, "telegram")
      expect(telegram).toMatchObject({ status: "fail", code })
      expect(telegram.en).toMatch(en)
      expect(telegram.ja).toMatch(ja)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it("a refused host port is explained as a connection failure", async () => {
    const report = await run(h.options({ baseUrl: "https://127.0.0.1:1" }))
    expect(check(report, "host").status).toBe("fail")
    expect(check(report, "host").code).toBe("ECONNREFUSED")
    expect(check(report, "telegram").status).toBe("skip")
  })
})

describe("the notice URL", () => {
  it("passes when it answers result=0 to the signed test notice", async () => {
    const report = await run(h.options(), notice.url)
    expect(check(report, "notice_url").status).toBe("pass")
    expect(check(report, "notice_url").en).toMatch(/answered result=0 .*Checked from this machine only/)
  })

  it("fails when it answers OK instead of result=0", async () => {
    const ok = await startNoticeServer("ok")
    try {
      const report = await run(h.options(), ok.url)
      const c = check(report, "notice_url")
      expect(c.status).toBe("fail")
      expect(c.code).toBe("not_result_0")
      expect(c.en).toContain('got "OK"')
      expect(c.ja).toMatch(/result=0 ではありません/)
      expect(report.ok).toBe(false)
    } finally {
      await ok.close()
    }
  })

  it("fails with a hint about the hash key when the receiver refuses the signature", async () => {
    const other = await startNoticeServer("result0", "another_notice_key")
    try {
      const c = check(await run(h.options(), other.url), "notice_url")
      expect(c.status).toBe("fail")
      expect(c.en).toMatch(/notice hash key probably differs/)
    } finally {
      await other.close()
    }
  })

  it("fails when nothing listens there", async () => {
    const c = check(await run(h.options(), "http://127.0.0.1:1/paygent/notice"), "notice_url")
    expect(c.status).toBe("fail")
    expect(c.code).toBe("ECONNREFUSED")
  })

  it("is skipped (not failed) without a notice URL, naming the likely URL", async () => {
    const c = check(await run(h.options()), "notice_url")
    expect(c.status).toBe("skip")
    expect(c.en).toContain("http://127.0.0.1:9000/paygent/notice")
  })

  it("warns that a private address is unreachable for Paygent when the target is Paygent itself", async () => {
    // No baseUrl: Paygent's sandbox is the target (not reachable from the test machine; only check 8 matters here).
    const report = await runDoctor({
      options: h.options({ baseUrl: undefined }),
      source: { kind: "config", path: "test" },
      noticeUrl: notice.url,
      timeoutMs: 1_000,
    })
    expect(check(report, "notice_url").status).toBe("warn")
    expect(check(report, "notice_url").code).toBe("private_address")
  })
})

describe("options and hash keys", () => {
  it("names the first invalid option (never its value)", async () => {
    const report = await run(h.options({ merchantId: "abc" }))
    const c = check(report, "options")
    expect(c.status).toBe("fail")
    expect(c.en).toBe("option merchantId must be Paygent's merchant ID (up to 9 digits).")
    expect(c.ja).toMatch(/設定 merchantId が正しくありません: ペイジェントのマーチャントID/)
    expect(check(report, "telegram").status).toBe("skip")
  })

  it("reports missing hash keys by name: the notice key missing fails", async () => {
    const report = await run(h.options({ noticeHashKey: undefined, tokenHashKey: "" }), notice.url)
    const c = check(report, "hash_keys")
    expect(c.status).toBe("fail")
    expect(c.en).toMatch(/token hash key: MISSING, 3-D Secure hash key: present, notice hash key: MISSING/)
    expect(c.data).toEqual({ tokenHashKey: false, threeDsHashKey: true, noticeHashKey: false })
    expect(check(report, "notice_url").status).toBe("fail")
  })

  it("only the token hash key missing is a warning", async () => {
    const c = check(await run(h.options({ tokenHashKey: undefined })), "hash_keys")
    expect(c.status).toBe("warn")
    expect(c.en).toMatch(/not integrity-checked/)
  })
})
