/**
 * The plugin options from PAYGENT_* environment variables, exactly as `medusa-config.ts` (the repository's dev /
 * test / demo app) builds them, defaults included — so `medusa-paygent doctor` without --config checks what that app
 * runs with.
 *
 * DUPLICATED from medusa-config.ts on purpose: sharing one function would mean editing medusa-config.ts, which this
 * part does not own. Keep the two in step (src/doctor/__tests__/options-from-env.unit.spec.ts compares the names).
 */
export type EnvOptions = Record<string, unknown>

/** Option → its environment variable (for messages: "connectPassword (PAYGENT_CONNECT_PASSWORD)"). */
export const ENV_NAMES: Readonly<Record<string, string>> = {
  merchantId: "PAYGENT_MERCHANT_ID",
  connectId: "PAYGENT_CONNECT_ID",
  connectPassword: "PAYGENT_CONNECT_PASSWORD",
  environment: "PAYGENT_ENVIRONMENT",
  baseUrl: "PAYGENT_BASE_URL",
  clientCertificate: "PAYGENT_CLIENT_CERT",
  clientKey: "PAYGENT_CLIENT_KEY",
  certificatePassphrase: "PAYGENT_CERT_PASSPHRASE",
  caCertificate: "PAYGENT_CA",
  tokenKey: "PAYGENT_TOKEN_KEY",
  tokenHashKey: "PAYGENT_TOKEN_HASH_KEY",
  threeDsHashKey: "PAYGENT_3DS_HASH_KEY",
  noticeHashKey: "PAYGENT_NOTICE_HASH_KEY",
  sessionSecret: "PAYGENT_SESSION_SECRET",
  threeDsMode: "PAYGENT_3DS_MODE",
  threeDsMerchantName: "PAYGENT_3DS_MERCHANT_NAME",
  threeDsFallbackOn31012: "PAYGENT_3DS_FALLBACK_31012",
  backendUrl: "PAYGENT_BACKEND_URL",
  threeDsReturnUrl: "PAYGENT_3DS_RETURN_URL",
  authValidityDaysVisaMaster: "PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER",
  captureMode: "PAYGENT_CAPTURE_MODE",
  storeName: "PAYGENT_STORE_NAME",
  storeNameKana: "PAYGENT_STORE_NAME_KANA",
  bankNetReturnUrl: "PAYGENT_BANKNET_RETURN_URL",
  bankNetStopReturnUrl: "PAYGENT_BANKNET_STOP_URL",
  syncSchedule: "PAYGENT_SYNC_SCHEDULE",
  reconcileSchedule: "PAYGENT_RECONCILE_SCHEDULE",
  noticeAllowedIps: "PAYGENT_NOTICE_ALLOWED_IPS",
  staleSessionMinutes: "PAYGENT_STALE_SESSION_MINUTES",
  captureDeadlineWarningDays: "PAYGENT_CAPTURE_WARNING_DAYS",
  savedCardValidityCheck: "PAYGENT_SAVED_CARD_VALIDITY_CHECK",
  requireSecurityCodeForSavedCards: "PAYGENT_SAVED_CARD_REQUIRE_CVC",
}

// Options medusa-config.ts gives a development default when the variable is unset (`??`).
const DEFAULTS: Readonly<Record<string, string>> = {
  merchantId: "123456789",
  connectId: "testconnect01",
  connectPassword: "TestPassw0rd99",
  environment: "sandbox",
  tokenKey: "test_token_key",
  tokenHashKey: "test_token_hash_key",
  threeDsHashKey: "test_3ds_hash_key",
  noticeHashKey: "test_notice_hash_key",
  threeDsMode: "required",
  threeDsMerchantName: "Medusa Paygent Demo",
  backendUrl: "http://localhost:9000",
  captureMode: "authorize",
  storeName: "メデューサ商店",
  storeNameKana: "ﾒﾃﾞｭｰｻｼｮｳﾃﾝ",
}

// Options medusa-config.ts reads with `|| undefined` (an empty variable counts as unset).
const OPTIONAL = [
  "sessionSecret",
  "baseUrl",
  "clientCertificate",
  "clientKey",
  "certificatePassphrase",
  "caCertificate",
  "threeDsReturnUrl",
  "bankNetReturnUrl",
  "bankNetStopReturnUrl",
  "syncSchedule",
  "reconcileSchedule",
] as const

export function optionsFromEnv(env: NodeJS.ProcessEnv): { options: EnvOptions; defaulted: string[] } {
  const options: EnvOptions = {}
  const defaulted: string[] = []
  for (const [name, fallback] of Object.entries(DEFAULTS)) {
    const value = env[ENV_NAMES[name]]
    // `??`: only an absent variable takes the default; an empty one stays "" (and fails validation, as in the app).
    if (value === undefined) defaulted.push(name)
    options[name] = value ?? fallback
  }
  for (const name of OPTIONAL) {
    options[name] = env[ENV_NAMES[name]] || undefined
  }
  options.threeDsFallbackOn31012 = env.PAYGENT_3DS_FALLBACK_31012 === "true"
  options.authValidityDaysVisaMaster = env.PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER
    ? Number(env.PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER)
    : undefined
  options.syncEnabled =
    env.PAYGENT_SYNC_DISABLED !== "true" && (env.NODE_ENV !== "test" || env.PAYGENT_SYNC_ENABLED === "true")
  options.reconcileEnabled =
    env.PAYGENT_RECONCILE_DISABLED !== "true" && (env.NODE_ENV !== "test" || env.PAYGENT_RECONCILE_ENABLED === "true")
  options.savedCardValidityCheck = env.PAYGENT_SAVED_CARD_VALIDITY_CHECK === "true"
  options.requireSecurityCodeForSavedCards = env.PAYGENT_SAVED_CARD_REQUIRE_CVC === "true"
  options.noticeAllowedIps = env.PAYGENT_NOTICE_ALLOWED_IPS ? env.PAYGENT_NOTICE_ALLOWED_IPS.split(",") : undefined
  options.staleSessionMinutes = env.PAYGENT_STALE_SESSION_MINUTES ? Number(env.PAYGENT_STALE_SESSION_MINUTES) : undefined
  options.captureDeadlineWarningDays = env.PAYGENT_CAPTURE_WARNING_DAYS ? Number(env.PAYGENT_CAPTURE_WARNING_DAYS) : undefined
  return { options, defaulted }
}
