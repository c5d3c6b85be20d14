import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto"

/**
 * Secrets a payment session must carry between two requests of the shopper, protected with keys only this
 * server knows:
 * - a card token kept between the 3-D Secure authentication (450, which does not consume the token) and the
 *   authorization (020): tokens must not be stored in the clear, so it is sealed with AES-256-GCM;
 * - the reference of a payment that got an input error (2003) and may be retried on the same payment_id: it
 *   comes back from the storefront, so it is signed (HMAC-SHA-256) to stop a shopper from retrying on a
 *   payment that is not theirs.
 */
export class SessionCrypto {
  private readonly sealKey: Buffer
  private readonly signKey: Buffer

  constructor(secret: string) {
    this.sealKey = Buffer.from(hkdfSync("sha256", secret, "medusa-payment-paygent", "card-token-seal", 32))
    this.signKey = Buffer.from(hkdfSync("sha256", secret, "medusa-payment-paygent", "retry-reference", 32))
  }

  seal(token: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv("aes-256-gcm", this.sealKey, iv)
    const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()])
    return ["v1", iv.toString("base64url"), body.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".")
  }

  /** The token, or undefined when the sealed value was altered or sealed under another key. */
  open(sealed: unknown): string | undefined {
    if (typeof sealed !== "string") {
      return undefined
    }
    const [version, iv, body, tag] = sealed.split(".")
    if (version !== "v1" || !iv || !body || !tag) {
      return undefined
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.sealKey, Buffer.from(iv, "base64url"))
      decipher.setAuthTag(Buffer.from(tag, "base64url"))
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8")
    } catch {
      return undefined
    }
  }

  sign(text: string): string {
    return `${text}.${createHmac("sha256", this.signKey).update(text).digest("base64url")}`
  }

  /** The signed text, or undefined when the signature does not match. */
  verify(signed: unknown): string | undefined {
    if (typeof signed !== "string") {
      return undefined
    }
    const dot = signed.lastIndexOf(".")
    if (dot <= 0) {
      return undefined
    }
    const text = signed.slice(0, dot)
    const expected = Buffer.from(this.sign(text).slice(dot + 1))
    const given = Buffer.from(signed.slice(dot + 1))
    return expected.length === given.length && timingSafeEqual(expected, given) ? text : undefined
  }
}
