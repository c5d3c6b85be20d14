/** bin/paygent-simulator.js from a clean checkout (TypeScript transpiled on the fly): ready line, serves, stops. */
import { spawn, type ChildProcess } from "child_process"
import * as fs from "fs"
import * as os from "os"
import * as path from "path"
import { parseArguments } from "../cli"
import { sendTelegram } from "./support/telegram-client"

const BIN = path.resolve(__dirname, "../../../bin/paygent-simulator.js")

function start(args: string[]): Promise<{ child: ChildProcess; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let stdout = ""
    let stderr = ""
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${stderr}`)), 20_000)
    child.stderr!.on("data", (d) => (stderr += d))
    child.stdout!.on("data", (d) => {
      stdout += d
      const expected = 1 + (args.includes("--tls") ? 2 : 0) + (args.includes("--state-file") ? 1 : 0)
      const lines = stdout.split("\n").filter(Boolean)
      if (lines.length >= expected) {
        clearTimeout(timer)
        // Give a stray extra line a moment to show up.
        setTimeout(() => resolve({ child, lines: stdout.split("\n").filter(Boolean) }), 100)
      }
    })
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)))
  })
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners("exit")
    child.on("exit", (code) => resolve(code))
    child.kill("SIGTERM")
  })
}

it("prints exactly one ready line, answers telegrams and stops on SIGTERM", async () => {
  const { child, lines } = await start(["--port", "0", "--merchant-id", "987654321"])
  try {
    expect(lines).toHaveLength(1)
    const match = /^paygent-simulator listening on (http:\/\/127\.0\.0\.1:[0-9]+)$/.exec(lines[0])
    expect(match).not.toBeNull()
    const answer = await sendTelegram(match![1], "094", { payment_id: "1" }, { header: { merchant_id: "987654321" } })
    expect(answer.code).toBe("13001")
  } finally {
    expect(await stop(child)).toBe(0)
  }
}, 30_000)

it("with --tls says where the certificates went", async () => {
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-sim-cli-"))
  const { child, lines } = await start(["--port=0", "--tls", "--cert-dir", certDir])
  try {
    expect(lines[0]).toMatch(/^paygent-simulator listening on https:\/\/127\.0\.0\.1:[0-9]+$/)
    expect(lines[1]).toContain(certDir)
    expect(fs.existsSync(path.join(certDir, "client.pfx"))).toBe(true)
  } finally {
    await stop(child)
    fs.rmSync(certDir, { recursive: true, force: true })
  }
}, 30_000)

it("with --cert-dir and --state-file, a second start reuses the certificates and restores the state", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paygent-sim-cli-"))
  const args = ["--port=0", "--tls", "--cert-dir", path.join(dir, "certs"), "--state-file", path.join(dir, "state.json")]
  try {
    const first = await start(args)
    const ca = fs.readFileSync(path.join(dir, "certs", "ca.pem"), "utf8")
    expect(first.lines[1]).toMatch(/certificates written to/)
    expect(first.lines[3]).toBe(`paygent-simulator state kept in ${path.join(dir, "state.json")}`)
    expect(await stop(first.child)).toBe(0)
    const second = await start(args)
    expect(second.lines[1]).toMatch(/certificates reused from/)
    expect(second.lines[3]).toBe(`paygent-simulator state restored from ${path.join(dir, "state.json")}`)
    expect(fs.readFileSync(path.join(dir, "certs", "ca.pem"), "utf8")).toBe(ca)
    expect(await stop(second.child)).toBe(0)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)

it("parses every documented flag", () => {
  const { options } = parseArguments([
    "--host", "0.0.0.0", "--port", "8080", "--notify-url", "http://x/y", "--latency-ms", "20", "--connect-id", "c",
    "--connect-password", "p", "--notice-hash-key", "n", "--token-key", "k", "--token-hash-key", "th", "--3ds-hash-key", "h3",
    "--konbini-connection-type", "b", "--state-file", "sim.json", "--cert-dir", "certs",
  ])
  expect(options).toEqual({
    host: "0.0.0.0",
    port: 8080,
    notifyUrl: "http://x/y",
    latencyMs: 20,
    connectId: "c",
    connectPassword: "p",
    noticeHashKey: "n",
    tokenKey: "k",
    tokenHashKey: "th",
    threeDsHashKey: "h3",
    konbiniConnectionType: "B",
    stateFile: "sim.json",
    certDir: "certs",
  })
  expect(() => parseArguments(["--bogus"])).toThrow(/unknown option/)
})
