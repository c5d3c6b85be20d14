import type { MiddlewareRoute } from "@medusajs/framework/http"

/**
 * Paygent posts notices as Windows-31J form data (`charset=Windows-31J`), which Express's url-encoded parser refuses
 * (415) and could not decode anyway; and the hc must be checked on the bytes as sent. So Medusa's body parsers are
 * switched off for the notice URL and the route reads the raw body itself. Spread into `src/api/middlewares.ts`.
 */
export const paygentNoticeMiddlewares: MiddlewareRoute[] = [
  { matcher: "/paygent/notice", methods: ["POST"], bodyParser: false },
]
