import { validatePaygentOptions } from "../../../options/provider"
import type { PaygentProviderOptions } from "../../../options/types"

const valid: PaygentProviderOptions = {
  merchantId: "123456789",
  connectId: "connect01",
  connectPassword: "SecretPassw0rd",
  threeDsHashKey: "hash-key-value",
  backendUrl: "https://api.example.jp",
  threeDsMerchantName: "My Shop",
}

function messageOf(options: unknown): string {
  try {
    validatePaygentOptions(options as PaygentProviderOptions)
  } catch (error) {
    return (error as Error).message
  }
  return "no error"
}

describe("provider options checked at boot", () => {
  it("accepts a complete configuration", () => {
    expect(messageOf(valid)).toBe("no error")
    expect(messageOf({ ...valid, threeDsMode: "disabled", threeDsHashKey: undefined, backendUrl: undefined })).toBe("no error")
    expect(messageOf({ ...valid, tlsMinVersion: "TLSv1.2", tlsMaxVersion: "TLSv1.2" })).toBe("no error")
  })

  it.each([
    [{ merchantId: undefined }, "merchantId"],
    [{ merchantId: "12345678901" }, "merchantId"],
    [{ connectPassword: "" }, "connectPassword"],
    [{ environment: "staging" }, "environment"],
    [{ baseUrl: "ftp://paygent" }, "baseUrl"],
    [{ threeDsHashKey: undefined }, "threeDsHashKey"],
    [{ backendUrl: undefined }, "backendUrl"],
    [{ threeDsMerchantName: "日本語の店名" }, "threeDsMerchantName"],
    [{ captureMode: "later" }, "captureMode"],
    [{ konbiniDeadlineDays: 61 }, "konbiniDeadlineDays"],
    [{ atmDeadlineDays: 1.5 }, "atmDeadlineDays"],
    [{ konbiniConnectionType: "C" }, "konbiniConnectionType"],
    [{ tlsMaxVersion: "TLSv1.1" }, "tlsMaxVersion"],
    [{ tlsMinVersion: "TLSv1.3", tlsMaxVersion: "TLSv1.2" }, "tlsMinVersion"],
    [{ bankNetScreenValidity: "5 days" }, "bankNetScreenValidity"],
    [{ siteId: "toolong" }, "siteId"],
    [{ limits: { card: -1 } }, "limits.card"],
    [{ limits: { bitcoin: 5 } }, "limits.bitcoin"],
    [{ clientCertificate: "/no/such/file.pem" }, "clientCertificate"],
    [{ environment: "production" }, "sessionSecret"],
    [{ environment: "production", sessionSecret: "changeme" }, "sessionSecret"],
    [{ sessionSecret: "SecretPassw0rd-SecretPassw0rd-SecretPassw0rd" }, "sessionSecret"],
  ])("names the wrong option (%j)", (override, name) => {
    expect(messageOf({ ...valid, ...override })).toContain(`"${name}"`)
  })

  it("boots in production with a random sessionSecret", () => {
    expect(messageOf({ ...valid, environment: "production", sessionSecret: "q8Vn3Kx7Rb2Lm9Tz5Wc1Yh6Jd4Fs0Gp8Ae" })).toBe("no error")
  })

  it("never echoes a secret value in its message", () => {
    const message = messageOf({ ...valid, connectPassword: "bad password!" })
    expect(message).toContain("connectPassword")
    expect(message).not.toContain("bad password!")
  })
})
