import * as path from "path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

/**
 * The development / test / demo app of this repository (a plugin has no app of its own; docs/medusa-notes.md §8). It loads the
 * plugin from `src/` and points the provider at Paygent or at the simulator, from environment variables:
 * PAYGENT_BASE_URL (the simulator's URL; unset = Paygent's sandbox), PAYGENT_* credentials and keys,
 * PAYGENT_CLIENT_CERT / PAYGENT_CLIENT_KEY / PAYGENT_CA (paths or PEM), PAYGENT_BACKEND_URL.
 */
const env = process.env

const paygentOptions = {
  merchantId: env.PAYGENT_MERCHANT_ID ?? "123456789",
  connectId: env.PAYGENT_CONNECT_ID ?? "testconnect01",
  connectPassword: env.PAYGENT_CONNECT_PASSWORD ?? "TestPassw0rd99",
  environment: (env.PAYGENT_ENVIRONMENT as "sandbox" | "production" | undefined) ?? "sandbox",
  baseUrl: env.PAYGENT_BASE_URL || undefined,
  clientCertificate: env.PAYGENT_CLIENT_CERT || undefined,
  clientKey: env.PAYGENT_CLIENT_KEY || undefined,
  certificatePassphrase: env.PAYGENT_CERT_PASSPHRASE || undefined,
  caCertificate: env.PAYGENT_CA || undefined,
  tokenKey: env.PAYGENT_TOKEN_KEY ?? "test_token_key",
  tokenHashKey: env.PAYGENT_TOKEN_HASH_KEY ?? "test_token_hash_key",
  threeDsHashKey: env.PAYGENT_3DS_HASH_KEY ?? "test_3ds_hash_key",
  noticeHashKey: env.PAYGENT_NOTICE_HASH_KEY ?? "test_notice_hash_key",
  // Required in production (32+ random characters); unset in the sandbox, the plugin keeps a generated one.
  sessionSecret: env.PAYGENT_SESSION_SECRET || undefined,
  threeDsMode: (env.PAYGENT_3DS_MODE as "required" | "disabled" | undefined) ?? "required",
  threeDsMerchantName: env.PAYGENT_3DS_MERCHANT_NAME ?? "Medusa Paygent Demo",
  threeDsFallbackOn31012: env.PAYGENT_3DS_FALLBACK_31012 === "true",
  backendUrl: env.PAYGENT_BACKEND_URL ?? "http://localhost:9000",
  threeDsReturnUrl: env.PAYGENT_3DS_RETURN_URL || undefined,
  authValidityDaysVisaMaster: env.PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER
    ? Number(env.PAYGENT_AUTH_VALIDITY_DAYS_VISA_MASTER)
    : undefined,
  // Saved cards (docs/saved-cards.md).
  savedCardValidityCheck: env.PAYGENT_SAVED_CARD_VALIDITY_CHECK === "true",
  requireSecurityCodeForSavedCards: env.PAYGENT_SAVED_CARD_REQUIRE_CVC === "true",
  captureMode: (env.PAYGENT_CAPTURE_MODE as "authorize" | "capture" | undefined) ?? "authorize",
  storeName: env.PAYGENT_STORE_NAME ?? "メデューサ商店",
  storeNameKana: env.PAYGENT_STORE_NAME_KANA ?? "ﾒﾃﾞｭｰｻｼｮｳﾃﾝ",
  bankNetReturnUrl: env.PAYGENT_BANKNET_RETURN_URL || undefined,
  bankNetStopReturnUrl: env.PAYGENT_BANKNET_STOP_URL || undefined,
  // Payment sync (README "Payment notices and sync"). The scheduled job stays off under tests (NODE_ENV=test)
  // unless PAYGENT_SYNC_ENABLED=true: specs call it themselves. PAYGENT_SYNC_DISABLED=true turns it off anywhere.
  syncEnabled: env.PAYGENT_SYNC_DISABLED !== "true" && (env.NODE_ENV !== "test" || env.PAYGENT_SYNC_ENABLED === "true"),
  syncSchedule: env.PAYGENT_SYNC_SCHEDULE || undefined,
  noticeAllowedIps: env.PAYGENT_NOTICE_ALLOWED_IPS ? env.PAYGENT_NOTICE_ALLOWED_IPS.split(",") : undefined,
  // The admin's 決済処理中 inbox lists sessions older than this (the admin browser test shortens it to seconds).
  staleSessionMinutes: env.PAYGENT_STALE_SESSION_MINUTES ? Number(env.PAYGENT_STALE_SESSION_MINUTES) : undefined,
  captureDeadlineWarningDays: env.PAYGENT_CAPTURE_WARNING_DAYS ? Number(env.PAYGENT_CAPTURE_WARNING_DAYS) : undefined,
  // Nightly reconciliation (docs/operations/reconciliation.md): off under tests unless PAYGENT_RECONCILE_ENABLED=true
  // (specs call the job themselves); PAYGENT_RECONCILE_DISABLED=true turns it off anywhere.
  reconcileEnabled:
    env.PAYGENT_RECONCILE_DISABLED !== "true" && (env.NODE_ENV !== "test" || env.PAYGENT_RECONCILE_ENABLED === "true"),
  reconcileSchedule: env.PAYGENT_RECONCILE_SCHEDULE || undefined,
  // Shopper e-mails (docs/operations/shopper-mails.md): their job is off under tests unless
  // PAYGENT_SHOPPER_MAIL_JOB=true (specs call it themselves).
  shopperMails: {
    jobEnabled: env.NODE_ENV !== "test" || env.PAYGENT_SHOPPER_MAIL_JOB === "true",
  },
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    http: {
      storeCors: env.STORE_CORS ?? "http://localhost:8000,http://localhost:9000",
      adminCors: env.ADMIN_CORS ?? "http://localhost:9000",
      authCors: env.AUTH_CORS ?? "http://localhost:8000,http://localhost:9000",
      jwtSecret: env.JWT_SECRET ?? "supersecret",
      cookieSecret: env.COOKIE_SECRET ?? "supersecret",
    },
  },
  admin: {
    disable: env.MEDUSA_ADMIN_DISABLE === "true",
  },
  modules: [
    // A plugin's own modules are registered by the host from `plugins`; this root app loads the plugin from src/.
    { resolve: "./src/modules/paygent", options: paygentOptions },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [{ resolve: "./src/providers/paygent", id: "paygent", options: paygentOptions }],
      },
    },
    {
      // Medusa's default (the local provider on "feed") plus the demo's mail catcher on "email", which the shopper
      // mails go to in tests and in the demo (DEMO_MAILBOX_URL: the demo's test tool keeps the shopper's inbox).
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local Notification Provider", channels: ["feed"] } },
          {
            resolve: path.join(__dirname, "scripts", "demo", "mailbox-provider"),
            id: "mailbox",
            options: { channels: ["email"], forwardUrl: env.DEMO_MAILBOX_URL || undefined },
          },
        ],
      },
    },
  ],
})
