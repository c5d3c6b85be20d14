import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { InboxOverview } from "../components/inbox/inbox-overview"

/** Orders list: the 決済処理中 inbox at a glance (counts by reason, the most urgent payments). */
const PaygentInboxWidget = () => <InboxOverview />

export const config = defineWidgetConfig({
  zone: "order.list",
  id: "paygent:inbox",
})

export default PaygentInboxWidget
