import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { PaygentClient, StoredCardSetRequest } from "../../../paygent"
import { Bilingual, bilingual, isPaygentError, PaygentErrorLike, SHOPPER_MESSAGES } from "./errors"
import { cardBrandOf } from "./merchant-operations"
import type { ResolvedPaygentOptions } from "../../../options/provider"
import { SAVED_CARD_MESSAGES, SavedCardData, savedCardFromRecord, savedCardFromSetAnswer } from "./stored-cards-data"

export * from "./stored-cards-data"

const CARD_DETAILS_WRONG: Bilingual = {
  ja: "カード情報に誤りがあります。ご確認のうえ再度入力してください。",
  en: "Some of the card details are incorrect. Please check them and try again.",
}

/**
 * Every message a saved-card operation throws, with its error type. Medusa's `createPaymentMethods` and
 * `deletePaymentMethods` gather provider errors into a plain `Error` (promiseAll with aggregateErrors), which loses
 * the type; the store routes give it back from the message (`savedCardErrorFromMessage`), so a refusal stays a
 * 400 and does not become a 500.
 */
const ERROR_TYPES: ReadonlyArray<[Bilingual, string]> = [
  [SAVED_CARD_MESSAGES.loginRequired, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.tokenMissing, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.cardLimit, MedusaError.Types.NOT_ALLOWED],
  [SAVED_CARD_MESSAGES.notFound, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.deleteNotFound, MedusaError.Types.NOT_FOUND],
  [SAVED_CARD_MESSAGES.expired, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.cardIdInvalid, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.notSaved, MedusaError.Types.INVALID_DATA],
  [SAVED_CARD_MESSAGES.outcomeUnknown, MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR],
  [CARD_DETAILS_WRONG, MedusaError.Types.INVALID_DATA],
  [SHOPPER_MESSAGES.tokenInvalid, MedusaError.Types.INVALID_DATA],
  [SHOPPER_MESSAGES.unavailable, MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR],
  [SHOPPER_MESSAGES.retryCommunication, MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR],
  [SAVED_CARD_MESSAGES.securityCodeRequired, MedusaError.Types.INVALID_DATA],
]

export function savedCardError(type: string, message: Bilingual): MedusaError {
  return new MedusaError(type, bilingual(message))
}

/** The MedusaError a saved-card message stands for, when Medusa handed it back as a plain Error. */
export function savedCardErrorFromMessage(error: unknown): MedusaError | undefined {
  if (error instanceof MedusaError) {
    return error
  }
  const message = error instanceof Error ? error.message.trim() : ""
  const found = ERROR_TYPES.find(([text]) => bilingual(text) === message)
  return found ? new MedusaError(found[1], message) : undefined
}

export interface StoredCardsHost {
  client: PaygentClient
  logger: Logger
  options: ResolvedPaygentOptions
  siteParams: () => { site_id?: string }
}

/**
 * Saved cards at Paygent (カード情報お預り): 025 set, 026 delete, 027 inquiry. The customer_id always comes from
 * the caller (the provider takes it from Medusa's account holder), never from the storefront.
 */
export class PaygentStoredCards {
  constructor(private readonly host: StoredCardsHost) {}

  /** 027 for all cards of the customer, newest use first. Paygent answers "no cards" with P026: an empty list. */
  async list(customerId: string): Promise<Array<{ id: string; data: SavedCardData }>> {
    try {
      const answer = await this.host.client.storedCardList({ customer_id: customerId, ...this.host.siteParams() })
      return answer.cards.flatMap((record) => savedCardFromRecord(record) ?? [])
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "P026") {
        return []
      }
      throw this.error("list (027)", error)
    }
  }

  /**
   * The saved card a payment is about to use (027 with its customer_card_id): refused when the customer has no
   * such card (another customer's card is "not found" too) or when it has expired.
   */
  async findForPayment(customerId: string, customerCardId: string): Promise<SavedCardData> {
    let cards
    try {
      const answer = await this.host.client.storedCardList({
        customer_id: customerId,
        customer_card_id: customerCardId,
        ...this.host.siteParams(),
      })
      cards = answer.cards.flatMap((record) => savedCardFromRecord(record) ?? [])
    } catch (error) {
      throw this.error("lookup (027)", error, { notFound: SAVED_CARD_MESSAGES.notFound })
    }
    const card = cards.find((c) => c.id === customerCardId)
    if (!card) {
      throw savedCardError(MedusaError.Types.INVALID_DATA, SAVED_CARD_MESSAGES.notFound)
    }
    if (card.data.expired) {
      throw savedCardError(MedusaError.Types.INVALID_DATA, SAVED_CARD_MESSAGES.expired)
    }
    return card.data
  }

  /**
   * 025: registers the card of a PaygentToken.js token (the token is used up). With the provider option
   * `savedCardValidityCheck` Paygent first checks the card with an authorization (valid_check_flg=1). 025 names no
   * brand, so the new card is read back with 027; if that fails, the card is still saved and 025's items are shown.
   */
  async save(
    customerId: string,
    token: string,
    extra: Pick<StoredCardSetRequest, "cardholder_name"> = {}
  ): Promise<{ id: string; data: SavedCardData }> {
    let saved: { id: string; data: SavedCardData }
    try {
      const answer = await this.host.client.storedCardSet({
        customer_id: customerId,
        card_token: token,
        ...(extra.cardholder_name ? { cardholder_name: extra.cardholder_name } : {}),
        ...(this.host.options.savedCardValidityCheck ? { valid_check_flg: "1" as const } : {}),
        ...this.host.siteParams(),
      })
      saved = savedCardFromSetAnswer(answer, cardBrandOf(undefined, answer.acq_id))
    } catch (error) {
      throw this.error("registration (025)", error)
    }
    try {
      const answer = await this.host.client.storedCardList({
        customer_id: customerId,
        customer_card_id: saved.id,
        ...this.host.siteParams(),
      })
      const listed = answer.cards.flatMap((record) => savedCardFromRecord(record) ?? []).find((card) => card.id === saved.id)
      return listed ?? saved
    } catch (error) {
      this.host.logger.warn(`Paygent saved card ${saved.id} registered; reading it back (027) failed: ${(error as Error).message}`)
      return saved
    }
  }

  /** 026 for one card. A card the customer does not have (P022) is "not found". */
  async remove(customerId: string, customerCardId: string): Promise<{ num_of_cards?: string }> {
    try {
      const answer = await this.host.client.storedCardDelete({
        customer_id: customerId,
        customer_card_id: customerCardId,
        ...this.host.siteParams(),
      })
      return { num_of_cards: answer.num_of_cards }
    } catch (error) {
      throw this.error("deletion (026)", error, { notFound: SAVED_CARD_MESSAGES.deleteNotFound, notFoundType: MedusaError.Types.NOT_FOUND })
    }
  }

  /** 026 without customer_card_id: every card of the customer (the account holder is deleted). */
  async removeAll(customerId: string): Promise<void> {
    try {
      await this.host.client.storedCardDelete({ customer_id: customerId, ...this.host.siteParams() })
    } catch (error) {
      if (isPaygentError(error) && error.response_code === "P022") {
        return
      }
      throw this.error("deletion of all cards (026)", error)
    }
  }

  /** A failed saved-card telegram as a MedusaError the shopper can act on; the merchant's side goes to the log. */
  error(
    operation: string,
    error: unknown,
    notFound: { notFound: Bilingual; notFoundType?: string } = { notFound: SAVED_CARD_MESSAGES.notFound }
  ): Error {
    if (error instanceof MedusaError || !isPaygentError(error)) {
      return error instanceof Error ? error : new Error(String(error))
    }
    const e: PaygentErrorLike = error
    const code = e.response_code ?? ""
    const logged = `Paygent saved card ${operation}: ${e.class} ${code} ${e.response_detail ?? ""}`.trim()
    if (code === "P023") {
      this.host.logger.info(logged)
      return savedCardError(MedusaError.Types.NOT_ALLOWED, SAVED_CARD_MESSAGES.cardLimit)
    }
    if (e.class === "not_found") {
      return savedCardError(notFound.notFoundType ?? MedusaError.Types.INVALID_DATA, notFound.notFound)
    }
    if (e.class === "configuration") {
      // P021 (no stored-card contract), P024 (no validity-check contract), credentials…: the merchant must act.
      const detail = e.merchantMessage ? bilingual(e.merchantMessage) : e.name
      this.host.logger.error(`${logged} ${detail}`)
      return savedCardError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, SHOPPER_MESSAGES.unavailable)
    }
    if (e.class === "token_invalid") {
      return savedCardError(MedusaError.Types.INVALID_DATA, SHOPPER_MESSAGES.tokenInvalid)
    }
    if (e.class === "not_sent" || e.class === "retryable") {
      this.host.logger.warn(logged)
      return savedCardError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, SHOPPER_MESSAGES.retryCommunication)
    }
    if (e.class === "unknown_outcome") {
      this.host.logger.warn(logged)
      return savedCardError(MedusaError.Types.PAYMENT_AUTHORIZATION_ERROR, SAVED_CARD_MESSAGES.outcomeUnknown)
    }
    this.host.logger.info(logged)
    if (e.class === "input_error") {
      return savedCardError(MedusaError.Types.INVALID_DATA, CARD_DETAILS_WRONG)
    }
    // declined (the validity check refused the card), rejected and the rest.
    return savedCardError(MedusaError.Types.INVALID_DATA, SAVED_CARD_MESSAGES.notSaved)
  }
}
