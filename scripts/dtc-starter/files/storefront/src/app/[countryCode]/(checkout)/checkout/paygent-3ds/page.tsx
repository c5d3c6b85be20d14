import { PaygentReturn } from "@lib/paygent"
import { Metadata } from "next"

export const metadata: Metadata = { title: "本人認証 / Card authentication" }

/** Where the plugin's 3-D Secure term_url sends the shopper back (`?session_id=…&paygent_3ds=ok|failed`). */
export default function PaygentThreeDsReturnPage() {
  return (
    <div className="content-container py-12" data-testid="paygent-3ds-return">
      <PaygentReturn />
    </div>
  )
}
