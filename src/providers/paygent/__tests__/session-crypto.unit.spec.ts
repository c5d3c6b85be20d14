import { SessionCrypto } from "../core/session-crypto"

describe("secrets kept on a payment session", () => {
  const crypto = new SessionCrypto("123456789:SecretPassw0rd")

  it("seals a card token so that the stored value does not contain it, and opens it again", () => {
    const sealed = crypto.seal("tok_aaaabbbbccccdddd")
    expect(sealed).not.toContain("tok_aaaabbbbccccdddd")
    expect(crypto.open(sealed)).toBe("tok_aaaabbbbccccdddd")
    expect(crypto.seal("tok_aaaabbbbccccdddd")).not.toBe(sealed)
  })

  it("refuses an altered seal or one made under another secret", () => {
    const sealed = crypto.seal("tok_aaaabbbbccccdddd")
    const [v, iv, body, tag] = sealed.split(".")
    const flipped = body[0] === "A" ? "B" + body.slice(1) : "A" + body.slice(1)
    expect(crypto.open([v, iv, flipped, tag].join("."))).toBeUndefined()
    expect(new SessionCrypto("another secret").open(sealed)).toBeUndefined()
    expect(crypto.open("garbage")).toBeUndefined()
    expect(crypto.open(undefined)).toBeUndefined()
  })

  it("signs a retry reference and refuses a forged one", () => {
    const signed = crypto.sign("123456789012:abc_1")
    expect(crypto.verify(signed)).toBe("123456789012:abc_1")
    expect(crypto.verify(signed.replace("123456789012", "999999999999"))).toBeUndefined()
    expect(crypto.verify("123456789012:abc_1.forged")).toBeUndefined()
    expect(new SessionCrypto("another secret").verify(signed)).toBeUndefined()
  })
})
