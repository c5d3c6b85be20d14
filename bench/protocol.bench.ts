/**
 * Protocol benchmark (run: npm run bench, or node bench/run.js bench/protocol.bench.ts [options]).
 *
 * (a) Codec: telegrams encoded + decoded per second with src/paygent (Windows-31J, PHP urlencode, Paygent's
 *     key=value rules) against a naive baseline on the same data in the same process (URLSearchParams + UTF-8
 *     Buffer split). The baseline is not protocol-correct (UTF-8 instead of Windows-31J, WHATWG instead of PHP
 *     escaping); it only anchors the numbers to the platform's built-ins. Workloads, bytes from fixtures/paygent:
 *     020 request encode + 020 response decode, and 091 request encode + 091 response decode (one notice record).
 * (b) Transport: per-telegram cost of N sequential 094 inquiries to the simulator over mutual TLS with a new
 *     connection per telegram (the client's default, like Paygent's module) vs keep-alive (keepAlive: true).
 *     Simulator and client run in this process, so a handshake's server half is counted too.
 *
 * Rounds are interleaved so drift (CPU frequency, GC) hits both sides alike; medians are reported.
 * Options: --samples 11 --ms 150 (codec), --n 200 --rounds 7 (transport).
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import iconv from "iconv-lite"
import { encodeRequestBody, PaygentClient, parseKeyValueResponse } from "../src/paygent"
import { startSimulator } from "../src/simulator"

interface Fixture {
  request: { params: Array<[string, string]> }
  response: { body_hex: string }
}

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "paygent", "telegrams")

function loadFixture(name: string): { params: Array<[string, string]>; sjis: Buffer; utf8: Buffer } {
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")) as Fixture
  const sjis = Buffer.from(fixture.response.body_hex, "hex")
  // The baseline gets the same text as UTF-8 (what a naive client would assume).
  return { params: fixture.request.params, sjis, utf8: Buffer.from(iconv.decode(sjis, "cp932"), "utf8") }
}

let sink = 0

function paygentCodec(params: Array<[string, string]>, response: Buffer, kind: string): () => void {
  return () => {
    const body = encodeRequestBody(params, "Windows-31J")
    const parsed = parseKeyValueResponse(response, "Windows-31J", kind)
    sink += body.length + parsed.result.length
  }
}

function baselineCodec(params: Array<[string, string]>, response: Buffer): () => void {
  return () => {
    const body = Buffer.from(new URLSearchParams(params).toString(), "ascii")
    const fields: Record<string, string> = {}
    for (const line of response.toString("utf8").split("\r\n")) {
      const eq = line.indexOf("=")
      if (eq !== -1) fields[line.slice(0, eq)] = line.slice(eq + 1)
    }
    sink += body.length + (fields.result ?? "").length
  }
}

/** Calls per second of fn, run for about `ms`. */
function rate(fn: () => void, ms: number): number {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  do {
    for (let i = 0; i < 200; i++) fn()
    n += 200
    elapsed = performance.now() - start
  } while (elapsed < ms)
  return (n / elapsed) * 1000
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`)
  if (i === -1) return fallback
  const value = Number(args[i + 1])
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`)
  return value
}

const int = (x: number) => Math.round(x).toLocaleString("en-US")
const pad = (s: string, n: number) => s.padEnd(n)
const lpad = (s: string, n: number) => s.padStart(n)

interface CodecResult {
  workload: string
  paygent: number
  baseline: number
}

function benchCodec(samples: number, ms: number): CodecResult[] {
  const f020 = loadFixture("020-token-ok.json")
  const f091 = loadFixture("091-konbini-paid.json")
  const workloads = [
    { name: "020 request + response", ours: paygentCodec(f020.params, f020.sjis, "020"), base: baselineCodec(f020.params, f020.utf8) },
    { name: "091 request + response", ours: paygentCodec(f091.params, f091.sjis, "091"), base: baselineCodec(f091.params, f091.utf8) },
  ]
  // Correctness guard: our decoder must read the fixtures as Paygent wrote them.
  const check = parseKeyValueResponse(f091.sjis, "Windows-31J", "091")
  if (check.result !== "0" || check.fields.payment_notice_id !== "1001") throw new Error("091 fixture did not decode")

  const results: CodecResult[] = []
  for (const w of workloads) {
    rate(w.ours, 300)
    rate(w.base, 300)
    const ours: number[] = []
    const base: number[] = []
    for (let i = 0; i < samples; i++) {
      ours.push(rate(w.ours, ms))
      base.push(rate(w.base, ms))
    }
    results.push({ workload: w.name, paygent: median(ours), baseline: median(base) })
  }
  return results
}

interface TransportResult {
  mode: string
  msPerTelegram: number
}

async function benchTransport(n: number, rounds: number): Promise<TransportResult[]> {
  const sim = await startSimulator({ tls: true })
  const tls = sim.tls!
  const options = {
    merchantId: "123456789",
    connectId: "testconnect01",
    connectPassword: "TestPassw0rd99",
    baseUrl: sim.url,
    ca: tls.caPem,
    clientCertificate: { pem: tls.clientCertPem, key: tls.clientKeyPem, passphrase: tls.passphrase },
  }
  const clients = {
    "new connection (default)": new PaygentClient(options),
    "keep-alive": new PaygentClient({ ...options, keepAlive: true }),
  }
  try {
    const token = sim.control.createToken({ card_number: "4111111111111111", expire_month: "12", expire_year: "29", cvc: "123", name: "BENCH" }).token
    const { payment_id } = await clients["keep-alive"].cardAuthorize({ trading_id: "BENCH_1", payment_amount: 1000, "3dsecure_ryaku": "1", card_token: token })

    const run = async (client: PaygentClient, count: number): Promise<number> => {
      const start = performance.now()
      for (let i = 0; i < count; i++) {
        const answer = await client.paymentInquiry({ payment_id })
        if (answer.payment_status !== "20") throw new Error(`unexpected 094 answer ${answer.payment_status}`)
      }
      return (performance.now() - start) / count
    }

    const entries = Object.entries(clients)
    for (const [, client] of entries) await run(client, Math.min(50, n))
    const times: Record<string, number[]> = Object.fromEntries(entries.map(([mode]) => [mode, []]))
    for (let r = 0; r < rounds; r++) {
      // Alternate which mode goes first.
      const order = r % 2 ? [...entries].reverse() : entries
      for (const [mode, client] of order) times[mode].push(await run(client, n))
    }
    return entries.map(([mode]) => ({ mode, msPerTelegram: median(times[mode]) }))
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.close()))
    await sim.close()
  }
}

export async function main(args: string[] = []): Promise<void> {
  const samples = option(args, "samples", 11)
  const ms = option(args, "ms", 150)
  const n = option(args, "n", 200)
  const rounds = option(args, "rounds", 7)
  const started = performance.now()

  console.log(`protocol bench — node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs`)

  const codec = benchCodec(samples, ms)
  console.log(`\n(a) codec: request encode + response decode, ${samples} samples × ${ms} ms, medians (telegrams/s)`)
  console.log(`  ${pad("workload", 24)}${lpad("src/paygent", 13)}${lpad("baseline", 13)}${lpad("ratio", 8)}`)
  for (const r of codec) {
    console.log(`  ${pad(r.workload, 24)}${lpad(int(r.paygent), 13)}${lpad(int(r.baseline), 13)}${lpad((r.paygent / r.baseline).toFixed(2), 8)}`)
  }

  const transport = await benchTransport(n, rounds)
  console.log(`\n(b) 094 to the simulator over mutual TLS: ${n} sequential telegrams × ${rounds} rounds, medians`)
  console.log(`  ${pad("mode", 26)}${lpad("ms/telegram", 13)}${lpad("telegrams/s", 13)}`)
  for (const r of transport) {
    console.log(`  ${pad(r.mode, 26)}${lpad(r.msPerTelegram.toFixed(3), 13)}${lpad(int(1000 / r.msPerTelegram), 13)}`)
  }

  console.log("")
  for (const r of codec) {
    console.log(`ratio paygent/baseline ${r.workload.slice(0, 3)} (telegrams/s): ${(r.paygent / r.baseline).toFixed(2)}`)
  }
  const [fresh, reused] = transport
  console.log(`ratio keep-alive/new-connection (time per telegram): ${(reused.msPerTelegram / fresh.msPerTelegram).toFixed(2)}`)
  if (sink === 0) throw new Error("the codec workloads produced nothing")
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`)
}
