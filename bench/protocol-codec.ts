/**
 * Codec throughput: telegrams per second for encoding a 020 (card authorization) request and decoding its
 * response, compared in the same process with a baseline doing the "naive" equivalent on the same data
 * (URLSearchParams + Buffer.toString("utf8") + split). The baseline is not protocol-correct (UTF-8 instead
 * of Windows-31J, WHATWG instead of PHP escaping); it only anchors the numbers to the platform's built-ins.
 *
 * Run (TypeScript entry point; no runner is wired in the repository yet):
 *   node <a TS loader> bench/protocol-codec.ts [--samples 15] [--ms 200]
 * Prints the median telegrams/s of both and the ratio ours/baseline.
 */
import { performance } from "node:perf_hooks"
import iconv from "iconv-lite"
import { encodeRequestBody, parseKeyValueResponse } from "../src/paygent/codec"

const REQUEST: Array<[string, string]> = [
  ["merchant_id", "123456789"],
  ["connect_id", "testconnect01"],
  ["connect_password", "TestPassw0rd99"],
  ["telegram_kind", "020"],
  ["telegram_version", "1.0"],
  ["trading_id", "ORDER_20250610_0001"],
  ["payment_id", ""],
  ["payment_amount", "12800"],
  ["payment_class", "10"],
  ["3dsecure_ryaku", "1"],
  ["card_token", "tok_7fK3q9LmX2vB8nR4tY6wZ1cD"],
  ["sales_mode", "0"],
]

const RESPONSE_TEXT = [
  "result=0",
  "response_code=",
  "response_detail=",
  "payment_id=210000101",
  "trading_id=ORDER_20250610_0001",
  "issur_class=0",
  "acq_id=99663",
  "acq_name=ﾐﾂｲｽﾐﾄﾓｶｰﾄﾞ",
  "issur_name=三井住友カード",
  "fc_auth_umu=",
  "daiko_code=",
  "card_shu_code=",
  "k_card_name=",
  "issur_id=99663",
  "attempt_kbn=",
  "fingerprint=Fp7hQ2xK9mZ4rT1vW8yB3nC6dE0gJ5sL",
  "masked_card_number=************1234",
  "card_valid_term=1229",
  "out_acs_html=",
  "",
].join("\r\n")

const RESPONSE_SJIS = iconv.encode(RESPONSE_TEXT, "cp932")
const RESPONSE_UTF8 = Buffer.from(RESPONSE_TEXT, "utf8")

let sink = 0

function ours(): void {
  const body = encodeRequestBody(REQUEST, "Windows-31J")
  const parsed = parseKeyValueResponse(RESPONSE_SJIS, "Windows-31J", "020")
  sink += body.length + parsed.result.length
}

function baseline(): void {
  const body = Buffer.from(new URLSearchParams(REQUEST).toString(), "ascii")
  const fields: Record<string, string> = {}
  for (const line of RESPONSE_UTF8.toString("utf8").split("\r\n")) {
    const eq = line.indexOf("=")
    if (eq !== -1) fields[line.slice(0, eq)] = line.slice(eq + 1)
  }
  sink += body.length + (fields.result ?? "").length
}

function sample(fn: () => void, ms: number): number {
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

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i !== -1 ? Number(process.argv[i + 1]) : fallback
}

function main(): void {
  const samples = arg("samples", 15)
  const ms = arg("ms", 200)
  // Warm-up so both paths are optimised before measuring.
  sample(ours, 300)
  sample(baseline, 300)
  const oursRates: number[] = []
  const baseRates: number[] = []
  // Interleaved so drift (CPU frequency, GC) affects both alike.
  for (let i = 0; i < samples; i++) {
    oursRates.push(sample(ours, ms))
    baseRates.push(sample(baseline, ms))
  }
  const o = median(oursRates)
  const b = median(baseRates)
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US")
  console.log(`020 request encode + response decode, ${samples} samples × ${ms} ms (medians)`)
  console.log(`  paygent codec (Windows-31J, PHP urlencode): ${fmt(o)} telegrams/s`)
  console.log(`  baseline (URLSearchParams + UTF-8 split):   ${fmt(b)} telegrams/s`)
  console.log(`  ratio ours/baseline: ${(o / b).toFixed(2)}`)
  if (sink === 0) console.log("")
}

main()
