/** The command line: option sources (--config forms, PAYGENT_* variables), output forms, exit codes, no secrets. */
import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"
import { main, parseArgs, type CliIo } from "../cli"
import { renderJson, renderText } from "../format"
import { ENV_NAMES, optionsFromEnv } from "../options-from-env"
import { runDoctor } from "../run"
import { SIM_CREDENTIALS, startHarness, startNoticeServer, writeFile, type Harness, type NoticeServer } from "./support"

jest.setTimeout(60_000)

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

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ""
  let err = ""
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), env, cwd: h.dir }
  const code = await main(argv, io)
  return { code, out, err }
}

/** Every secret of a setup with inline certificate content: values, and each line of the PEM / PFX content. */
function secretsOf(options: Record<string, unknown>): string[] {
  const secrets = [
    options.connectPassword,
    options.certificatePassphrase,
    options.tokenHashKey,
    options.threeDsHashKey,
    options.noticeHashKey,
  ] as string[]
  for (const name of ["clientCertificate", "clientKey", "clientPfx"]) {
    const value = options[name]
    if (typeof value === "string") {
      for (const line of value.split("\n")) if (line.length >= 16 && !line.startsWith("-----")) secrets.push(line)
    }
  }
  const tls = h.sim.tls!
  for (const line of `${tls.clientKeyPem}\n${tls.clientCertPem}`.split("\n")) if (line.length >= 16 && !line.startsWith("-----")) secrets.push(line)
  secrets.push(tls.clientPfx.toString("base64").slice(0, 40))
  return secrets
}

function expectNoSecrets(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text.includes(secret)).toBe(false)
  expect(text).not.toMatch(/-----BEGIN/)
  expect(text).not.toMatch(/Proc-Type|DEK-Info/)
}

describe("output", () => {
  it("text: one line per check with ✓/✗/! and both languages; exit 0 when all pass", async () => {
    const file = writeFile(h.dir, "options.json", JSON.stringify(h.options()))
    const { code, out } = await cli(["doctor", "--config", file, "--notice-url", notice.url])
    expect(code).toBe(0)
    const lines = out.split("\n").filter((l) => /^[✓✗!] \d\. /.test(l))
    expect(lines).toHaveLength(9)
    expect(lines.every((l) => l.startsWith("✓ "))).toBe(true)
    expect(lines[0]).toMatch(/^✓ 1\. 設定値 \/ Options — プラグインの設定は有効です。 \/ the plugin options are valid\.$/)
    expect(lines[6]).toMatch(/^✓ 7\. 疎通電文（094 照会） \/ Test telegram \(094 inquiry\) — .*13001.* \/ .*13001/)
    expect(out).toMatch(/結果: 問題なし.* \/ Result: OK \(9 passed/)
  })

  it("--json: machine-readable, exit 1 when a check fails", async () => {
    const file = writeFile(h.dir, "bad-password.json", JSON.stringify(h.options({ connectPassword: "WrongPassw0rd" })))
    const { code, out } = await cli(["doctor", `--config=${file}`, "--json"])
    expect(code).toBe(1)
    const report = JSON.parse(out)
    expect(report.ok).toBe(false)
    expect(report.summary).toEqual({ pass: 7, warn: 0, fail: 1, skip: 1 })
    expect(report.checks.map((c: { number: number; id: string; symbol: string }) => [c.number, c.id, c.symbol])).toEqual([
      [1, "options", "✓"],
      [2, "certificate_file", "✓"],
      [3, "passphrase", "✓"],
      [4, "certificate_expiry", "✓"],
      [5, "ca_file", "✓"],
      [6, "host", "✓"],
      [7, "telegram", "✗"],
      [8, "notice_url", "!"],
      [9, "hash_keys", "✓"],
    ])
    expect(report.checks[6]).toMatchObject({ status: "fail", code: "P002", title: { ja: expect.any(String), en: expect.any(String) } })
  })
})

describe("secrets never appear", () => {
  const setups: Array<[string, (o: Record<string, unknown>) => Record<string, unknown>]> = [
    ["correct, inline PEM content", (o) => o],
    ["wrong connect password (P002)", (o) => ({ ...o, connectPassword: "WrongPassw0rdSecret" })],
    ["wrong pass-phrase", (o) => ({ ...o, certificatePassphrase: "wrong-passphrase-secret" })],
    ["invalid connect password (validation)", (o) => ({ ...o, connectPassword: "bad pass word secret!" })],
  ]
  it.each(setups)("%s: text and --json output, and the report itself", async (_name, change) => {
    const tls = h.sim.tls!
    const options = change(h.options({ clientCertificate: tls.clientCertPem, clientKey: tls.clientKeyPem, caCertificate: tls.caPem }))
    const secrets = secretsOf(options)
    const file = writeFile(h.dir, "secret-options.json", JSON.stringify(options))
    const text = await cli(["doctor", "--config", file, "--notice-url", notice.url])
    const json = await cli(["doctor", "--config", file, "--notice-url", notice.url, "--json"])
    expectNoSecrets(text.out + text.err, secrets)
    expectNoSecrets(json.out + json.err, secrets)
    // Not only thanks to the final scrub: the verdicts themselves carry none.
    const report = await runDoctor({ options, source: { kind: "config", path: file }, noticeUrl: notice.url, timeoutMs: 5_000 })
    expectNoSecrets(renderText(report) + renderJson(report), secrets)
  })

  it("PFX given as base64 content", async () => {
    const options = h.options({ clientCertificate: undefined, clientKey: undefined, clientPfx: h.sim.tls!.clientPfx.toString("base64") })
    const file = writeFile(h.dir, "pfx-options.json", JSON.stringify(options))
    const { code, out } = await cli(["doctor", "--config", file, "--json"])
    expect(code).toBe(0)
    expectNoSecrets(out, [...secretsOf(options), (options.clientPfx as string).slice(0, 64)])
  })

  it("a config file that does not parse: exit 1, and its content (with a secret) is not quoted", async () => {
    const file = writeFile(h.dir, "broken.json", `{ "connectPassword": "LeakyPassw0rd", `)
    const { code, out, err } = await cli(["doctor", "--config", file])
    expect(code).toBe(1)
    expect(err).toMatch(/cannot load the config file: .*broken\.json \(SyntaxError\)/)
    expect(out + err).not.toContain("LeakyPassw0rd")
  })
})

describe("--config forms", () => {
  it("a CommonJS file, a TypeScript default export, { options, noticeUrl } and a Medusa config", async () => {
    const options = h.options()
    const js = writeFile(h.dir, "paygent.config.js", `module.exports = ${JSON.stringify(options)}\n`)
    const ts = writeFile(
      h.dir,
      "paygent.config.ts",
      `const options: Record<string, unknown> = ${JSON.stringify(options)}\nexport default async (): Promise<Record<string, unknown>> => options\n`
    )
    const wrapped = writeFile(h.dir, "wrapped.json", JSON.stringify({ options, noticeUrl: notice.url }))
    const medusa = writeFile(
      h.dir,
      "medusa-config.ts",
      `const paygentOptions = ${JSON.stringify(options)}\nmodule.exports = { projectConfig: {}, modules: [{ resolve: "@medusajs/medusa/payment", options: { providers: [{ resolve: "medusa-payment-paygent/providers/paygent", id: "paygent", options: paygentOptions }] } }] }\n`
    )
    for (const file of [js, ts, wrapped, medusa]) {
      const { code, out } = await cli(["doctor", "--config", path.basename(file), "--json"])
      const report = JSON.parse(out)
      expect([file, code, report.error, report.summary?.fail]).toEqual([file, 0, undefined, 0])
      expect(report.source).toEqual({ kind: "config", path: file })
      expect(report.checks[7].status).toBe(file === wrapped ? "pass" : "skip")
    }
  })

  it("a file without options, and a missing file, exit 1", async () => {
    const empty = writeFile(h.dir, "empty.json", "{}")
    expect((await cli(["doctor", "--config", empty])).err).toMatch(/no Paygent options/)
    const missing = await cli(["doctor", "--config", "does-not-exist.json"])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/does-not-exist\.json \(ENOENT\)/)
  })
})

describe("PAYGENT_* environment variables", () => {
  it("maps every variable medusa-config.ts reads (the duplicated mapping stays in step)", () => {
    const config = fs.readFileSync(path.join(__dirname, "../../../medusa-config.ts"), "utf8")
    const block = config.slice(config.indexOf("const paygentOptions"), config.indexOf("module.exports"))
    const inConfig = new Set(block.match(/PAYGENT_[A-Z0-9_]+/g))
    const mapped = new Set([
      ...Object.values(ENV_NAMES),
      "PAYGENT_SYNC_DISABLED",
      "PAYGENT_SYNC_ENABLED",
      "PAYGENT_RECONCILE_DISABLED",
      "PAYGENT_RECONCILE_ENABLED",
      "PAYGENT_SHOPPER_MAIL_JOB",
    ])
    expect([...inConfig].sort()).toEqual([...mapped].sort())
    // And the option each one feeds.
    for (const [option, name] of Object.entries(ENV_NAMES)) expect(block).toMatch(new RegExp(`${option}:[^\\n]*${name}`))
  })

  it("applies medusa-config.ts's defaults and reports which were used", () => {
    const { options, defaulted } = optionsFromEnv({ PAYGENT_CONNECT_PASSWORD: "FromEnv123", PAYGENT_BASE_URL: "", PAYGENT_3DS_FALLBACK_31012: "true" })
    expect(options).toMatchObject({
      merchantId: "123456789",
      connectPassword: "FromEnv123",
      baseUrl: undefined,
      environment: "sandbox",
      threeDsFallbackOn31012: true,
      backendUrl: "http://localhost:9000",
    })
    expect(defaulted).toContain("merchantId")
    expect(defaulted).not.toContain("connectPassword")
  })

  it("runs from the environment like the dev app (no --config)", async () => {
    const tls = h.sim.tls!
    const env = {
      PAYGENT_BASE_URL: h.sim.url,
      PAYGENT_CLIENT_CERT: tls.clientCertPath,
      PAYGENT_CLIENT_KEY: tls.clientKeyPath,
      PAYGENT_CERT_PASSPHRASE: tls.passphrase,
      PAYGENT_CA: tls.caPath,
      PAYGENT_NOTICE_HASH_KEY: SIM_CREDENTIALS.noticeHashKey,
      PAYGENT_BACKEND_URL: "http://127.0.0.1:9000",
    }
    const { code, out } = await cli(["doctor", "--notice-url", notice.url], env)
    expect(out).toMatch(/PAYGENT_\* 環境変数/)
    expect(code).toBe(0)
    expect(out.split("\n").filter((l) => l.startsWith("✓ "))).toHaveLength(9)
  })
})

describe("arguments", () => {
  it("parses flags in both forms", () => {
    expect(parseArgs(["doctor", "--config", "a.json", "--notice-url=https://x/n", "--json", "--timeout", "900"])).toEqual({
      command: "doctor",
      config: "a.json",
      noticeUrl: "https://x/n",
      json: true,
      help: false,
      timeoutMs: 900,
    })
  })

  it("--help exits 0; a missing or unknown command or flag exits 2 with the usage", async () => {
    expect((await cli(["--help"])).code).toBe(0)
    expect((await cli(["doctor", "--help"])).out).toMatch(/usage: medusa-paygent doctor/)
    expect((await cli([])).code).toBe(2)
    expect((await cli(["fix"])).err).toMatch(/unknown command "fix"/)
    expect((await cli(["doctor", "--verbose"])).code).toBe(2)
    expect((await cli(["doctor", "--timeout", "soon"])).code).toBe(2)
    expect((await cli(["doctor", "--config"])).err).toMatch(/--config needs a value/)
  })
})

it("bin/medusa-paygent.js runs from a clean clone (TypeScript hook) with the same result", async () => {
  const file = writeFile(h.dir, "bin-options.json", JSON.stringify(h.options()))
  const bin = path.join(__dirname, "../../../bin/medusa-paygent.js")
  const result = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, [bin, "doctor", "--config", file, "--notice-url", notice.url], { env: { PATH: process.env.PATH } }, (error, stdout) =>
      resolve({ code: error ? Number((error as { code?: number }).code) : 0, out: stdout })
    )
  })
  expect(result.out.split("\n").filter((l) => l.startsWith("✓ "))).toHaveLength(9)
  expect(result.code).toBe(0)
})
