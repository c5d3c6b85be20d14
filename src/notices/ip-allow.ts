import { isIP } from "node:net"

/** "::ffff:1.2.3.4" (an IPv4 client on a dual-stack socket) → "1.2.3.4". */
export function normalizeIp(ip: string | undefined | null): string {
  const text = String(ip ?? "").trim()
  return text.toLowerCase().startsWith("::ffff:") && isIP(text.slice(7)) === 4 ? text.slice(7) : text
}

function ipv4ToNumber(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0)
}

/**
 * Whether `ip` is in the allow-list: exact addresses (IPv4 or IPv6) or IPv4 CIDR ranges ("202.232.189.0/24"). An
 * empty list allows everything.
 */
export function ipAllowed(ip: string | undefined | null, allowList: readonly string[]): boolean {
  if (allowList.length === 0) {
    return true
  }
  const address = normalizeIp(ip)
  if (!address) {
    return false
  }
  for (const entry of allowList) {
    const [range, bits] = entry.trim().split("/")
    if (bits === undefined) {
      if (normalizeIp(range) === address) {
        return true
      }
      continue
    }
    const prefix = Number(bits)
    if (isIP(range) !== 4 || isIP(address) !== 4 || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
      continue
    }
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
    if (((ipv4ToNumber(address) & mask) >>> 0) === ((ipv4ToNumber(range) & mask) >>> 0)) {
      return true
    }
  }
  return false
}
