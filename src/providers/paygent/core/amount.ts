import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"

/** Paygent settles in yen only; every other currency is refused before anything is sent. */
export function assertJpy(currencyCode: string | undefined): void {
  if ((currencyCode ?? "").toLowerCase() !== "jpy") {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Paygent は日本円 (JPY) のみ対応しています。 / ` +
        `Paygent accepts JPY only, not ${String(currencyCode ?? "").toUpperCase() || "an empty currency"}.`
    )
  }
}

/** A Medusa amount (major units; JPY has no minor unit) as a whole number of yen. */
export function toYen(amount: BigNumberInput): number {
  const value = MathBN.convert(amount)
  if (!value.isFinite() || !value.isInteger() || value.isNegative()) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `金額は0以上の整数円で指定してください。 / A yen amount must be a whole, non-negative number (got ${value.toString()}).`
    )
  }
  if (value.gt(Number.MAX_SAFE_INTEGER)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "金額が大きすぎます。 / The amount is too large.")
  }
  return value.toNumber()
}

/** Refuses an amount over the method's limit before any telegram (Paygent would answer P011). */
export function assertWithinLimit(yen: number, limit: number, methodLabel: { ja: string; en: string }): void {
  if (yen > limit) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `${methodLabel.ja}でお支払いいただける金額は1回あたり${limit.toLocaleString("ja-JP")}円までです。 / ` +
        `${methodLabel.en} accepts at most ¥${limit.toLocaleString("en-US")} per payment (this one is ` +
        `¥${yen.toLocaleString("en-US")}).`
    )
  }
}

/** An amount of yen as a merchant reads it: "3,000円" / "¥3,000". */
export function yenText(yen: number): { ja: string; en: string } {
  return { ja: `${yen.toLocaleString("ja-JP")}円`, en: `¥${yen.toLocaleString("en-US")}` }
}
