import { ipAllowed, normalizeIp } from "../ip-allow"

describe("notice source allow-list", () => {
  it("allows everything when no list is configured", () => {
    expect(ipAllowed("203.0.113.9", [])).toBe(true)
  })

  it("matches exact addresses, also through an IPv4-mapped IPv6 socket address", () => {
    expect(normalizeIp("::ffff:202.232.189.65")).toBe("202.232.189.65")
    expect(ipAllowed("::ffff:202.232.189.65", ["202.232.189.65"])).toBe(true)
    expect(ipAllowed("202.232.189.66", ["202.232.189.65"])).toBe(false)
    expect(ipAllowed("::1", ["::1"])).toBe(true)
  })

  it("matches IPv4 CIDR ranges", () => {
    expect(ipAllowed("27.110.52.4", ["27.110.52.0/24"])).toBe(true)
    expect(ipAllowed("27.110.53.4", ["27.110.52.0/24"])).toBe(false)
    expect(ipAllowed("10.1.2.3", ["0.0.0.0/0"])).toBe(true)
    expect(ipAllowed("10.1.2.3", ["10.1.2.3/32"])).toBe(true)
  })

  it("refuses an unknown address and ignores malformed entries", () => {
    expect(ipAllowed(undefined, ["27.110.52.4"])).toBe(false)
    expect(ipAllowed("27.110.52.4", ["27.110.52.0/40", "nonsense/8"])).toBe(false)
  })
})
