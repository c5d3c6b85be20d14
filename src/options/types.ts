/**
 * Options of the Paygent payment provider, as written in `medusa-config.ts` under the payment module's providers.
 * Every service (card, konbini, Pay-easy, net bank) of the provider receives the same object.
 */
export interface PaygentProviderOptions {
  /** マーチャントID, 9 digits. */
  merchantId: string
  /** 接続ID. */
  connectId: string
  /** 接続パスワード (secret). */
  connectPassword: string
  /** "sandbox" (default) or "production"; ignored when `baseUrl` is set. */
  environment?: "sandbox" | "production"
  /** Overrides the Paygent host, e.g. the simulator's URL. */
  baseUrl?: string
  /** Client certificate: a file path or PEM content holding the certificate (and usually the encrypted key). */
  clientCertificate?: string
  /** Private key, when it is not inside `clientCertificate`: a file path or PEM content. */
  clientKey?: string
  /** PKCS#12 client certificate instead of PEM: a file path or base64 content. */
  clientPfx?: string
  /** Pass-phrase of the key or PFX (Paygent's kits use "changeit") (secret). */
  certificatePassphrase?: string
  /** CA bundle used to verify Paygent's server certificate: a file path or PEM content. */
  caCertificate?: string
  /** Verify the server host name as well as its chain (default true). */
  verifyHostname?: boolean
  /** Telegram timeout in milliseconds (default 35,000 as in Paygent's module). */
  timeoutMs?: number
  /** Optional HTTP proxy URL for the outgoing connection (Paygent filters by source IP). */
  proxyUrl?: string
  /** Reuse connections between telegrams (default false: one connection per telegram, as Paygent's module does). */
  keepAlive?: boolean
  /** Lowest TLS version offered to Paygent (default "TLSv1.2"). */
  tlsMinVersion?: "TLSv1.2" | "TLSv1.3"
  /**
   * Highest TLS version offered (default "TLSv1.3"). "TLSv1.2" caps the connection at TLS 1.2, for a server that asks
   * for the client certificate by renegotiation (not possible in TLS 1.3); see docs/protocol.md §1.3.
   */
  tlsMaxVersion?: "TLSv1.2" | "TLSv1.3"
  /** サイトID, when the merchant's contract has several sites. */
  siteId?: string

  /** トークン生成鍵 (public): given to the storefront for PaygentToken.js. */
  tokenKey?: string
  /** トークン受取ハッシュ鍵 (secret): checks that the token the storefront sends was not tampered with. */
  tokenHashKey?: string
  /** 3Dセキュア結果受付ハッシュ鍵 (secret): checks the 3-D Secure result redirect. */
  threeDsHashKey?: string
  /** 差分通知ハッシュ鍵 (secret): checks push notices. */
  noticeHashKey?: string

  /** EMV 3-D Secure: "required" (default, 450 before every card authorization) or "disabled". */
  threeDsMode?: "required" | "disabled"
  /** Merchant name shown by the 3-D Secure screens (ASCII, ≤ 40). */
  threeDsMerchantName?: string
  /** When the acquirer does not support 3-D Secure for the brand (31012), authorize without it (default false). */
  threeDsFallbackOn31012?: boolean
  /** Accept a 3-D Secure server error (attempt_kbn=1), at the merchant's chargeback risk (default true). */
  threeDsAcceptAttemptError?: boolean
  /** Public URL of this Medusa server; the 3-D Secure term_url is `<backendUrl>/paygent/3ds/term`. */
  backendUrl?: string
  /** Storefront page the shopper returns to after 3-D Secure (`?session_id=&paygent_3ds=ok|failed` is added). */
  threeDsReturnUrl?: string

  /**
   * Days a Visa / Mastercard authorization stays capturable when the contract shortens it (e.g. 25); unset = the
   * usual 60 days for every brand. A card whose brand is unknown (no 3-D Secure answer) gets the shorter period.
   */
  authValidityDaysVisaMaster?: number
  /** "authorize" (default: オーソリ only, capture later) or "capture" (同時売上, sales_mode=1). */
  captureMode?: "authorize" | "capture"
  /** Days the shopper has to pay at the konbini (0–60, default 7). */
  konbiniDeadlineDays?: number
  /** Paygent's konbini connection type of the contract (A, B, D or F, default D): decides the numbers shown (§8.2). */
  konbiniConnectionType?: "A" | "B" | "D" | "F"
  /** Days the shopper has to pay at the ATM / Pay-easy (0–60, default 7). */
  atmDeadlineDays?: number
  /** Validity of the net-bank selection screen as Paygent's `asp_payment_term` (`0DDhhmm` / `1DD0000`, default 0050000). */
  bankNetScreenValidity?: string
  /** Where directly connected banks send the shopper after paying. */
  bankNetReturnUrl?: string
  /** The "back to the shop" button of the net-bank screen. */
  bankNetStopReturnUrl?: string
  /** Shop name shown on ATM screens, konbini slips and the bank screen (full-width, ≤ 12 characters). */
  storeName?: string
  /** The same in half-width kana (ﾃﾞﾓｼｮｯﾌﾟ), ≤ 24 bytes; full-width katakana is converted. */
  storeNameKana?: string

  /**
   * Saved cards (カード情報お預り, docs/saved-cards.md): run Paygent's validity check (有効性チェック, a 0/1-yen
   * authorization, `valid_check_flg=1`) before a card is saved. Needs the option in the Paygent contract (P024).
   * Default false.
   */
  savedCardValidityCheck?: boolean
  /**
   * Saved cards: a payment with a saved card must carry the card's security code, as a CVV-only token from
   * PaygentToken.js `createCvcToken` (`security_code_token=1`). Turn on when the merchant requires the security
   * code. Default false.
   */
  requireSecurityCodeForSavedCards?: boolean

  /** Upper amount limits in yen per method (contract-dependent; the defaults are Paygent's usual ones). */
  limits?: Partial<AmountLimits>
  /**
   * Secret that seals and signs what a payment session keeps (card token during 3-D Secure, the awaited 3-D Secure
   * result, retry and saved-card references). Required with `environment: "production"`; at least 32 random
   * characters, the same on every instance. Unset in the sandbox: generated once and kept in the plugin's table.
   */
  sessionSecret?: string
}

export interface AmountLimits {
  card: number
  konbini: number
  konbiniSevenEleven: number
  atm: number
  bankNet: number
}
