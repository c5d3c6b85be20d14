/** A plain GET the simulator makes on its own (3DS2 timeout notification to term_url). */
import * as http from "http"
import * as https from "https"

export function httpGet(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const client = target.protocol === "https:" ? https : http
    const request = client.get(target, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      response.resume()
      response.on("end", () => resolve(response.statusCode ?? 0))
      response.on("error", reject)
    })
    request.on("timeout", () => request.destroy(new Error(`no reply within ${timeoutMs} ms`)))
    request.on("error", reject)
  })
}
