/**
 * `paygent-simulator` command line (bin/paygent-simulator.js). Prints exactly one line
 * `paygent-simulator listening on <base URL>` when ready (with --tls also where the certificates are and where the
 * browser pages are, with --state-file where the state is kept) and stops on SIGINT/SIGTERM.
 */
import * as path from "path"
import { startSimulator } from "./index"
import type { KonbiniConnectionType, SimulatorOptions } from "./options"

const USAGE = `usage: paygent-simulator [options]
  --host <host>                 listen address (127.0.0.1)
  --port <port>                 telegram port, 0 = any free port (0)
  --public-port <port>          with --tls: port of the plain-HTTP pages/_sim listener (0)
  --tls                         HTTPS with client certificates (mutual TLS, as at Paygent)
  --cert-dir <dir>              where --tls keeps ca.pem, client-cert.pem, client-key.pem, client.pfx (.sim-certs);
                                a complete set already there is used again
  --state-file <file>           keep payments, notices (and their ids), tokens and the clock across restarts (none)
  --notify-url <url>            push target of the difference notices (none)
  --latency-ms <ms>             delay added to every telegram (0)
  --merchant-id <id>            (123456789)
  --connect-id <id>             (testconnect01)
  --connect-password <pw>       (TestPassw0rd99)
  --notice-hash-key <key>       push notice hc key (sim_notice_hash_key)
  --token-key <key>             token generation key for PaygentToken.js (test_sim_token_key)
  --token-hash-key <key>        token hc key (sim_token_hash_key)
  --3ds-hash-key <key>          3-D Secure result hc key (sim_3ds_hash_key)
  --konbini-connection-type <t> A, B, D or F (D)
  --now <iso date>              start of the simulated clock (real now)
  --clock <frozen|running>      running: the simulated clock also ticks with real time (running)
  --verbose                     log telegrams and pushes to stderr
  --help`

const VALUE_FLAGS: Record<string, keyof SimulatorOptions> = {
  "--host": "host",
  "--port": "port",
  "--public-port": "publicPort",
  "--cert-dir": "certDir",
  "--state-file": "stateFile",
  "--notify-url": "notifyUrl",
  "--latency-ms": "latencyMs",
  "--merchant-id": "merchantId",
  "--connect-id": "connectId",
  "--connect-password": "connectPassword",
  "--notice-hash-key": "noticeHashKey",
  "--token-key": "tokenKey",
  "--token-hash-key": "tokenHashKey",
  "--3ds-hash-key": "threeDsHashKey",
  "--konbini-connection-type": "konbiniConnectionType",
  "--now": "now",
  "--clock": "clock",
}

const NUMERIC: (keyof SimulatorOptions)[] = ["port", "publicPort", "latencyMs"]

export function parseArguments(argv: string[]): { options: SimulatorOptions; help: boolean; verbose: boolean } {
  const options: Record<string, unknown> = {}
  let help = false
  let verbose = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined]
    if (flag === "--help" || flag === "-h") help = true
    else if (flag === "--tls") options.tls = inline === undefined ? true : inline !== "false"
    else if (flag === "--verbose") verbose = true
    else if (flag in VALUE_FLAGS) {
      const value = inline ?? argv[++i]
      if (value === undefined) throw new Error(`${flag} needs a value`)
      const key = VALUE_FLAGS[flag]
      if (NUMERIC.includes(key)) {
        const n = Number(value)
        if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer`)
        options[key] = n
      } else {
        options[key] = value
      }
    } else {
      throw new Error(`unknown option ${arg}\n${USAGE}`)
    }
  }
  if (options.konbiniConnectionType !== undefined) {
    options.konbiniConnectionType = String(options.konbiniConnectionType).toUpperCase() as KonbiniConnectionType
  }
  return { options: options as SimulatorOptions, help, verbose }
}

export async function main(argv: string[]): Promise<void> {
  const { options, help, verbose } = parseArguments(argv)
  if (help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  // A long-lived demo wants dates that move with the wall clock; tests use the in-process default "frozen".
  options.clock ??= "running"
  if (options.tls && !options.certDir) options.certDir = path.resolve(process.cwd(), ".sim-certs")
  if (verbose) options.log = (line) => process.stderr.write(`[paygent-simulator] ${line}\n`)
  const simulator = await startSimulator(options)
  process.stdout.write(`paygent-simulator listening on ${simulator.url}\n`)
  if (simulator.tls) {
    process.stdout.write(
      `paygent-simulator certificates ${simulator.tls.reused ? "reused from" : "written to"} ${simulator.tls.certDir} (client key/pfx passphrase: ${simulator.tls.passphrase})\n`,
    )
    process.stdout.write(`paygent-simulator pages and /_sim on ${simulator.publicUrl}\n`)
  }
  if (simulator.state) {
    process.stdout.write(
      `paygent-simulator state ${simulator.state.restored ? "restored from" : "kept in"} ${path.resolve(simulator.state.file)}\n`,
    )
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}
