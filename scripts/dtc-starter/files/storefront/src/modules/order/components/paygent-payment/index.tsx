import { readPaygentOrderPaymentAction } from "@lib/data/paygent"
import { PaygentPaymentInstructions } from "medusa-payment-paygent/react"

/**
 * The order's Paygent payment on the confirmation page: konbini / Pay-easy numbers with the deadline and the time
 * left, the bank screen's link while unpaid, or the card's status in shopper words. Read on the server through
 * the plugin's store route; rendered by the kit (a client component, for the countdown).
 */
export default async function PaygentPayment({ orderId }: { orderId: string }) {
  const result = await readPaygentOrderPaymentAction(orderId)
  if (!result.ok || !result.payment) return null
  return (
    <div data-testid="paygent-payment">
      <PaygentPaymentInstructions
        payment={result.payment}
        config={{
          locale: "ja",
          classNames: {
            root: "flex flex-col gap-y-2 border border-ui-border-base rounded-md p-4 my-4",
            legend: "txt-medium-plus text-ui-fg-base",
            status: "txt-medium text-ui-fg-base",
            numbers: "grid grid-cols-[auto_1fr] gap-x-6 gap-y-1",
            label: "txt-medium text-ui-fg-subtle",
            number: "txt-xlarge-plus font-mono",
            deadline: "txt-medium-plus text-ui-fg-base",
            steps: "list-decimal pl-5 txt-medium text-ui-fg-subtle",
            link: "underline text-ui-fg-interactive",
            hint: "txt-compact-small text-ui-fg-muted",
          },
        }}
      />
    </div>
  )
}
