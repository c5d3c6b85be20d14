import type tls from "node:tls"
import { buildConnector } from "undici"

/**
 * In TLS 1.3 the client's handshake is complete before the server has checked the client certificate: the
 * server's verdict (session tickets if accepted, an alert or a close if refused) arrives one round trip
 * later. undici would write the request in between, and a refusal would then look like "connection closed
 * after the request was sent" — an unknown outcome, although the server never processed anything.
 *
 * This connector holds a fresh TLS 1.3 connection back until the verdict is known: a session ticket means
 * accepted; an error or close means refused (a connect error: not sent). A server that issues no tickets is
 * given `graceMs`, after which the request goes out and any later failure stays an unknown outcome (safe).
 * TLS 1.2 needs none of this: the client certificate is verified inside the handshake.
 */
export const TLS13_VERDICT_GRACE_MS = 500

export class ClientAuthRefusedError extends Error {
  readonly code = "ERR_TLS_CLIENT_AUTH_REFUSED"
  constructor() {
    super("the server closed the TLS connection during client authentication")
    this.name = "ClientAuthRefusedError"
  }
}

function awaitVerdict(socket: tls.TLSSocket, graceMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false
    const finish = (err?: Error) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.off("session", onSession)
      socket.off("error", onError)
      socket.off("end", onClose)
      socket.off("close", onClose)
      if (err) reject(err)
      else resolve()
    }
    // Not synchronously: a request written from inside the 'session' event (still within OpenSSL's read
    // processing) stays stuck in the TLS layer and never reaches the server.
    const onSession = () => setImmediate(finish)
    const onError = (err: Error) => finish(err)
    const onClose = () => finish(new ClientAuthRefusedError())
    const timer = setTimeout(() => finish(), graceMs)
    socket.on("session", onSession)
    socket.on("error", onError)
    socket.on("end", onClose)
    socket.on("close", onClose)
  })
}

export function verdictAwareConnector(options: buildConnector.BuildOptions, graceMs = TLS13_VERDICT_GRACE_MS): buildConnector.connector {
  const connect = buildConnector(options)
  return (opts, callback) => {
    connect(opts, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error("connect failed"), null)
        return
      }
      const tlsSocket = socket as tls.TLSSocket
      // A resumed session was authenticated when it was first established; the server asks for no certificate.
      if (typeof tlsSocket.getProtocol !== "function" || tlsSocket.getProtocol() !== "TLSv1.3" || tlsSocket.isSessionReused()) {
        callback(null, socket)
        return
      }
      awaitVerdict(tlsSocket, graceMs).then(
        () => callback(null, socket),
        (verdict: Error) => {
          socket.destroy()
          callback(verdict, null)
        }
      )
    })
  }
}
