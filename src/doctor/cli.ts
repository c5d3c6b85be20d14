import { loadEnv } from "@medusajs/framework/utils"
import { renderJson, renderText } from "./format"
import { ConfigLoadError, loadConfigFile } from "./load-config"
import { optionsFromEnv } from "./options-from-env"
import { redactOutput, secretsOf } from "./redact"
import { runDoctor } from "./run"
import type { DoctorInput } from "./types"

/** `medusa-paygent` command line (bin/medusa-paygent.js). main() resolves with the exit code. */

export const USAGE = `usage: medusa-paygent doctor [options]

Checks the Paygent plugin's configuration and connection, one line per check (✓ ok, ✗ failed, ! warning / not checked).
設定と接続を診断します（✓ 正常、✗ 失敗、! 警告・未確認）。

  --config <file>       options from a .json/.js/.ts file (the options object, or a medusa-config file);
                        default: the PAYGENT_* environment variables as medusa-config.ts maps them (.env is loaded)
  --notice-url <url>    the notice URL registered with Paygent (default: noticeUrl in the config file; else skipped).
                        A signed test notice (payment_notice_id 0, unknown payment) is POSTed to it.
  --timeout <ms>        per network step (15000)
  --json                machine-readable output
  -h, --help            this help

Exit code: 0 when nothing failed (warnings allowed), 1 when a check failed or the options could not be loaded,
2 on a usage error. Secrets (connect password, pass-phrase, hash keys, certificate contents) are never printed.
Docs: docs/doctor.md`

export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

const defaultIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
}

interface Args {
  command?: string
  config?: string
  noticeUrl?: string
  timeoutMs?: number
  json: boolean
  help: boolean
}

class UsageError extends Error {}

export function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, help: false }
  const value = (flag: string, inline: string | undefined, i: number): [string, number] => {
    if (inline !== undefined) return [inline, i]
    const next = argv[i + 1]
    if (next === undefined || next.startsWith("--")) throw new UsageError(`${flag} needs a value`)
    return [next, i + 1]
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1
    const flag = eq === -1 ? arg : arg.slice(0, eq)
    const inline = eq === -1 ? undefined : arg.slice(eq + 1)
    if (flag === "-h" || flag === "--help") args.help = true
    else if (flag === "--json") args.json = true
    else if (flag === "--config") [args.config, i] = value(flag, inline, i)
    else if (flag === "--notice-url") [args.noticeUrl, i] = value(flag, inline, i)
    else if (flag === "--timeout") {
      let text: string
      ;[text, i] = value(flag, inline, i)
      if (!/^\d+$/.test(text) || Number(text) <= 0) throw new UsageError("--timeout must be a positive number of milliseconds")
      args.timeoutMs = Number(text)
    } else if (!flag.startsWith("-") && args.command === undefined) args.command = flag
    else throw new UsageError(`unknown argument ${JSON.stringify(flag)}`)
  }
  return args
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let args: Args
  try {
    args = parseArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.stderr(`medusa-paygent: ${error.message}\n\n${USAGE}\n`)
    return 2
  }
  if (args.help) {
    io.stdout(`${USAGE}\n`)
    return 0
  }
  if (args.command !== "doctor") {
    io.stderr(`medusa-paygent: ${args.command ? `unknown command ${JSON.stringify(args.command)}` : "missing command"}\n\n${USAGE}\n`)
    return 2
  }

  let input: DoctorInput
  if (args.config) {
    try {
      const loaded = await loadConfigFile(args.config, io.cwd)
      input = { options: loaded.options, source: { kind: "config", path: loaded.path }, noticeUrl: args.noticeUrl ?? loaded.noticeUrl }
    } catch (error) {
      if (!(error instanceof ConfigLoadError)) throw error
      const message = `✗ 設定ファイルを読み込めません / cannot load the config file: ${error.file} (${error.reason})\n`
      if (args.json) io.stdout(JSON.stringify({ ok: false, error: { file: error.file, reason: error.reason } }, null, 2) + "\n")
      else io.stderr(message)
      return 1
    }
  } else {
    // As medusa-config.ts does before it reads the variables.
    if (io.env === process.env) loadEnv(io.env.NODE_ENV || "development", io.cwd)
    const { options, defaulted } = optionsFromEnv(io.env)
    input = { options, source: { kind: "env", defaulted }, noticeUrl: args.noticeUrl }
  }
  input.timeoutMs = args.timeoutMs

  const report = await runDoctor(input)
  const secrets = secretsOf(input.options)
  io.stdout(redactOutput(args.json ? renderJson(report) : renderText(report), secrets))
  return report.ok ? 0 : 1
}
