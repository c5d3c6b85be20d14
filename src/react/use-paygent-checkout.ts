"use client"
/**
 * The checkout flow in one hook. It keeps what the shopper types into the kit's fields, checks it before anything
 * is sent (messages name the field, in the shopper's language), does the two steps that must run in the browser
 * (the card token through PaygentToken.js, the 3-D Secure page) and calls the storefront's server-side steps for
 * the rest (`actions`: Next.js server actions built on `setPaygentPayment` / `placePaygentOrder`, or the same
 * functions called from the browser). Two-step checkouts (the DTC starter: "Continue to review", then "Place
 * order") call `submitPayment` and `placeOrder`; one-page checkouts call `pay`.
 */
import { useCallback, useEffect, useRef, useState } from "react"
import { checkBuyer, type InputProblem } from "../storefront/buyer-input"
import { checkCardInput } from "../storefront/card-input"
import type { PlacedOrder, PlaceOrderResult, SetPaymentResult } from "../storefront/checkout-steps"
import { failure, type PaygentError } from "../storefront/errors"
import { paygentMethodOf, type Bilingual, type KonbiniChainId, type PaymentClass } from "../storefront/labels"
import { checkAmount } from "../storefront/limits"
import { cardPaymentData, type AddressLike, type BuyerData } from "../storefront/payment-data"
import type { PaygentAction } from "../storefront/session-state"
import { writeThreeDsPage, type WritableDocument } from "../storefront/three-ds"
import { createCardToken, createCvcToken, isPaygentTokenError } from "../storefront/token"
import { usePaygentConfig, type PaygentKitConfig } from "./config"

/** The storefront's server-side steps (return values, never throw for the shopper's sake). */
export interface PaygentCheckoutActions {
  /** Needed for `submitPayment` / `pay` (not by a review step that only places the order). */
  setPayment?(input: { providerId: string; data: Record<string, unknown> }): Promise<SetPaymentResult>
  placeOrder(): Promise<PlaceOrderResult>
}

/** What the hook reads of the cart, for the checks (amount, buyer names); all optional. */
export interface PaygentCartSummary {
  total?: number | null
  email?: string | null
  billing_address?: AddressLike | null
  shipping_address?: AddressLike | null
}

export interface CardForm {
  number: string
  expireMonth: string
  expireYear: string
  cvc: string
  name: string
  paymentClass: PaymentClass
  splitCount: string
  /** A saved card's id (customer_card_id), or "" for a new card. */
  savedCardId: string
  saveCard: boolean
}

export interface BuyerForm {
  familyName: string
  givenName: string
  familyNameKana: string
  givenNameKana: string
  phone: string
}

export type CheckoutStatus = "idle" | "checking" | "tokenizing" | "saving" | "placing" | "redirecting"

export interface UsePaygentCheckoutOptions {
  actions: PaygentCheckoutActions
  cart?: PaygentCartSummary | null
  /** The storefront page 3-D Secure returns to (its origin must be in the backend's STORE_CORS). */
  returnUrl?: string
  /**
   * Called once the order is placed. For net bank `next` is `{ type: "redirect" }` and the browser is then sent to
   * the bank screen, so do not navigate yourself in that case (record the order only).
   */
  onOrder?: (order: PlacedOrder, next: PaygentAction) => void
  /** Kana and other buyer fields to start with (names and phone come from the cart's address). */
  initialBuyer?: Partial<BuyerForm>
  initialCard?: Partial<CardForm>
  config?: Partial<PaygentKitConfig>
  /** For tests: where the browser is sent (default location.assign) and the page 3-D Secure is written into. */
  navigate?: (url: string) => void
  document?: WritableDocument
}

const EMPTY_CARD: CardForm = {
  number: "",
  expireMonth: "",
  expireYear: "",
  cvc: "",
  name: "",
  paymentClass: "10",
  splitCount: "",
  savedCardId: "",
  saveCard: false,
}

function buyerFromCart(cart: PaygentCartSummary | null | undefined): Partial<BuyerForm> {
  const address = cart?.billing_address ?? cart?.shipping_address
  return {
    familyName: address?.last_name ?? "",
    givenName: address?.first_name ?? "",
    phone: address?.phone ?? "",
  }
}

function buyerData(buyer: BuyerForm): BuyerData {
  const data: BuyerData = {}
  const set = (key: keyof BuyerData, value: string) => {
    if (value.trim()) data[key] = value.trim()
  }
  set("customer_family_name", buyer.familyName)
  set("customer_name", buyer.givenName)
  set("customer_family_name_kana", buyer.familyNameKana)
  set("customer_name_kana", buyer.givenNameKana)
  set("customer_tel", buyer.phone)
  return data
}

function problemsToErrors(problems: InputProblem[]): Record<string, Bilingual> {
  const errors: Record<string, Bilingual> = {}
  for (const problem of problems) errors[problem.field] ??= problem.message
  return errors
}

export function usePaygentCheckout(options: UsePaygentCheckoutOptions) {
  const config = usePaygentConfig(options.config)
  const [card, setCardState] = useState<CardForm>({ ...EMPTY_CARD, ...options.initialCard })
  const [buyer, setBuyerState] = useState<BuyerForm>(() => ({
    familyName: "",
    givenName: "",
    familyNameKana: "",
    givenNameKana: "",
    phone: "",
    ...buyerFromCart(options.cart),
    ...options.initialBuyer,
  }))
  const [chain, setChainState] = useState<KonbiniChainId | "">("")
  const [fieldErrors, setFieldErrors] = useState<Record<string, Bilingual>>({})
  const [error, setError] = useState<PaygentError | undefined>()
  const [status, setStatus] = useState<CheckoutStatus>("idle")
  const busy = useRef(false)
  const touched = useRef(new Set<keyof BuyerForm>())

  // The address may be filled in after the hook started (another step of the checkout): take what was not typed.
  const address = options.cart?.billing_address ?? options.cart?.shipping_address
  useEffect(() => {
    const fromCart = buyerFromCart(options.cart)
    setBuyerState((current) => {
      const next = { ...current }
      for (const key of Object.keys(fromCart) as (keyof BuyerForm)[]) {
        if (!touched.current.has(key) && fromCart[key]) next[key] = fromCart[key]!
      }
      return next
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [address?.last_name, address?.first_name, address?.phone])

  const clearFieldError = (field: string) =>
    setFieldErrors((current) => {
      if (!(field in current)) return current
      const { [field]: _gone, ...rest } = current
      return rest
    })

  const setCard = useCallback((patch: Partial<CardForm>) => {
    setCardState((current) => ({ ...current, ...patch }))
    for (const key of Object.keys(patch)) {
      clearFieldError(key)
      if (key === "expireMonth" || key === "expireYear") clearFieldError("expiry")
    }
  }, [])
  const setBuyer = useCallback((patch: Partial<BuyerForm>) => {
    setBuyerState((current) => ({ ...current, ...patch }))
    for (const key of Object.keys(patch) as (keyof BuyerForm)[]) {
      touched.current.add(key)
      clearFieldError(key)
    }
  }, [])
  const setChain = useCallback((id: KonbiniChainId | "") => {
    setChainState(id)
    clearFieldError("chain")
    clearFieldError("amount")
  }, [])

  /** Every problem the shopper can fix before anything is sent; empty when the method may be submitted. */
  const check = useCallback(
    (providerId: string): InputProblem[] => {
      const method = paygentMethodOf(providerId)
      if (!method) return [{ field: "method", message: { ja: "お支払い方法を選択してください。", en: "Please choose a payment method." } }]
      const problems: InputProblem[] = []
      const total = options.cart?.total
      if (method === "card") {
        if (card.savedCardId) {
          if (config.savedCardCvc && !/^\d{3,4}$/.test(card.cvc.trim())) {
            problems.push({ field: "cvc", message: { ja: "セキュリティコードを入力してください。", en: "Please enter the security code." } })
          }
        } else {
          problems.push(...checkCardInput(card, { requireCvc: config.requireCvc ?? true }))
        }
        if (card.paymentClass === "61" && !/^\d{1,2}$/.test(card.splitCount)) {
          problems.push({ field: "splitCount", message: { ja: "分割回数を選択してください。", en: "Please choose the number of installments." } })
        }
      } else {
        if (method === "konbini" && !chain) {
          problems.push({ field: "chain", message: { ja: "お支払いするコンビニを選択してください。", en: "Please choose the convenience store you will pay at." } })
        }
        problems.push(...checkBuyer(method, buyerData(buyer)))
      }
      if (typeof total === "number" && (method !== "konbini" || chain)) {
        const tooMuch = checkAmount(method, total, { chain: chain || undefined, limits: config.limits })
        if (tooMuch) problems.push(tooMuch)
      }
      return problems
    },
    [buyer, card, chain, config.limits, config.requireCvc, config.savedCardCvc, options.cart?.total]
  )

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined
    busy.current = true
    try {
      return await work()
    } finally {
      busy.current = false
    }
  }, [])

  const sessionData = useCallback(
    async (providerId: string): Promise<{ data: Record<string, unknown> } | { failed: PaygentError }> => {
      const method = paygentMethodOf(providerId)!
      if (method === "konbini") return { data: { cvs_company_id: chain, ...buyerData(buyer) } }
      if (method !== "card") return { data: { ...buyerData(buyer) } }
      const common = {
        ...(options.returnUrl ? { return_url: options.returnUrl } : {}),
        ...(options.cart?.email ? { email: options.cart.email } : {}),
      }
      const tokenOptions = { merchantId: config.merchantId, tokenKey: config.tokenKey, scriptUrl: config.tokenScriptUrl }
      setStatus("tokenizing")
      try {
        if (card.savedCardId) {
          const data: Record<string, unknown> = {
            customer_card_id: card.savedCardId,
            payment_class: card.paymentClass,
            ...(card.paymentClass === "61" ? { split_count: card.splitCount } : {}),
            ...common,
          }
          if (config.savedCardCvc) data.security_code_token = await createCvcToken({ ...tokenOptions, cvc: card.cvc })
          return { data }
        }
        const token = await createCardToken({
          ...tokenOptions,
          card: { number: card.number, expireMonth: card.expireMonth, expireYear: card.expireYear, cvc: card.cvc, name: card.name },
        })
        return {
          data: {
            ...cardPaymentData(token, {
              paymentClass: card.paymentClass,
              splitCount: card.paymentClass === "61" ? card.splitCount : undefined,
              returnUrl: options.returnUrl,
              email: options.cart?.email ?? undefined,
            }),
            ...(card.saveCard ? { save_card: true } : {}),
          },
        }
      } catch (thrown) {
        if (isPaygentTokenError(thrown)) {
          const field = thrown.field ?? (thrown.kind === "input" ? "number" : undefined)
          return { failed: failure(thrown.kind === "input" ? "invalid_input" : "unavailable", thrown.userMessage, { field }).error }
        }
        return {
          failed: failure("unavailable", {
            ja: "カード情報を処理できませんでした。しばらくしてから再度お試しください。",
            en: "Your card details could not be processed. Please try again in a moment.",
          }).error,
        }
      }
    },
    [buyer, card, chain, config, options.cart?.email, options.returnUrl]
  )

  const showError = useCallback((value: PaygentError) => {
    setError(value)
    if (value.field) setFieldErrors((current) => ({ ...current, [value.field!]: value.message }))
  }, [])

  /** Checks the fields, makes the card token in the browser and sets the cart's payment (server-side step). */
  const submitPayment = useCallback(
    async (providerId: string): Promise<SetPaymentResult | undefined> =>
      run(async () => {
        setError(undefined)
        setStatus("checking")
        const problems = check(providerId)
        setFieldErrors(problemsToErrors(problems))
        if (problems.length) {
          const first = problems[0]
          const result = failure("invalid_input", problems.length === 1 ? first.message : { ja: `${first.message.ja}（ほか${problems.length - 1}件）`, en: `${first.message.en} (and ${problems.length - 1} more)` }, { field: first.field })
          setError(result.error)
          setStatus("idle")
          return result
        }
        const prepared = await sessionData(providerId)
        if ("failed" in prepared) {
          showError(prepared.failed)
          setStatus("idle")
          return { ok: false as const, error: prepared.failed }
        }
        if (!options.actions.setPayment) throw new Error("usePaygentCheckout: submitPayment needs actions.setPayment")
        setStatus("saving")
        const result = await options.actions.setPayment({ providerId, data: prepared.data })
        if (!result.ok) showError(result.error)
        // A token is used once: the next attempt needs the card (or its code) typed again.
        setCardState((current) => ({ ...current, cvc: "" }))
        setStatus("idle")
        return result
      }),
    [check, options.actions, run, sessionData, showError]
  )

  /** Places the order: 3-D Secure (the page is left), the net-bank screen, or `onOrder`. */
  const placeOrder = useCallback(
    async (): Promise<PlaceOrderResult | undefined> =>
      run(async () => {
        setError(undefined)
        setStatus("placing")
        const result = await options.actions.placeOrder()
        if (!result.ok) {
          showError(result.error)
          setStatus("idle")
          return result
        }
        if (result.type === "three_ds") {
          setStatus("redirecting")
          writeThreeDsPage(result.html, options.document ? { document: options.document } : {})
          return result
        }
        // The order exists: the storefront records it (and, unless `next` is a redirect, shows the confirmation).
        options.onOrder?.(result.order, result.next)
        if (result.next.type === "redirect") {
          setStatus("redirecting")
          ;(options.navigate ?? ((url: string) => window.location.assign(url)))(result.next.url)
          return result
        }
        setStatus("idle")
        return result
      }),
    [options, run, showError]
  )

  /** One-page checkouts: submit the payment, then place the order. */
  const pay = useCallback(
    async (providerId: string): Promise<PlaceOrderResult | SetPaymentResult | undefined> => {
      const set = await submitPayment(providerId)
      if (!set?.ok) return set
      return placeOrder()
    },
    [placeOrder, submitPayment]
  )

  return {
    config,
    card,
    buyer,
    chain,
    setCard,
    setBuyer,
    setChain,
    fieldErrors,
    error,
    status,
    pending: status !== "idle",
    check,
    submitPayment,
    placeOrder,
    pay,
    clearError: () => setError(undefined),
    total: options.cart?.total ?? undefined,
  }
}

export type PaygentCheckout = ReturnType<typeof usePaygentCheckout>
