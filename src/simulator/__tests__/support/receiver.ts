/** A local HTTP receiver standing in for the merchant's push / term_url endpoint. */
import * as http from "http"
import * as iconv from "iconv-lite"
import type { AddressInfo } from "net"

export interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface Receiver {
  url: string
  received: Received[]
  /** What to answer next; defaults to 200 "result=0". */
  reply: (request: Received) => { status?: number; body?: string }
  close(): Promise<void>
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    received: [],
    reply: () => ({ status: 200, body: "result=0\r\n" }),
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections() }),
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) }
      receiver.received.push(request)
      const answer = receiver.reply(request)
      res.writeHead(answer.status ?? 200, { "Content-Type": "text/plain" })
      res.end(answer.body ?? "")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return receiver
}

/** Decodes a Windows-31J url-encoded form (independently of the simulator's codec). */
export function decodeSjisForm(body: Buffer): [string, string][] {
  return body
    .toString("latin1")
    .split("&")
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=")
      const decode = (s: string) => {
        const bytes: number[] = []
        for (let i = 0; i < s.length; i++) {
          if (s[i] === "+") bytes.push(0x20)
          else if (s[i] === "%") {
            bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
            i += 2
          } else bytes.push(s.charCodeAt(i))
        }
        return iconv.decode(Buffer.from(bytes), "windows-31j")
      }
      return [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))] as [string, string]
    })
}
