/**
 * Small icons of the four methods (inline SVG, `currentColor`, 20×20 unless sized by CSS), for the storefront's
 * payment table: `paygentPaymentInfoMap("ja", (method) => <PaygentMethodIcon method={method} />)`. No hooks, so
 * server components may render it.
 */
import type { PaygentMethod } from "../storefront/labels"

const PATHS: Record<PaygentMethod, string> = {
  // A card with its stripe.
  card: "M3 5h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1zm-1 3h16v2H2z",
  // A shop front with an awning.
  konbini: "M3 4h14l1 4H2zm0 5h14v7H3zm3 2v5h3v-5zm6 0v3h3v-3z",
  // An ATM screen and keypad.
  payeasy: "M5 2h10a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm1 2v5h8V4zm0 7v2h2v-2zm3 0v2h2v-2zm3 0v2h2v-2zm-6 3v2h2v-2zm3 0v2h2v-2zm3 0v2h2v-2z",
  // A bank building.
  banknet: "M10 2l8 4v2H2V6zm-6 7h2v6H4zm5 0h2v6H9zm5 0h2v6h-2zM2 16h16v2H2z",
}

export function PaygentMethodIcon(props: { method: PaygentMethod; className?: string; title?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="20"
      height="20"
      fill="currentColor"
      fillRule="evenodd"
      className={["paygent-method-icon", props.className].filter(Boolean).join(" ")}
      data-method={props.method}
      role={props.title ? "img" : undefined}
      aria-hidden={props.title ? undefined : true}
      aria-label={props.title}
    >
      <path d={PATHS[props.method]} />
    </svg>
  )
}
