import { defineRouteConfig } from "@medusajs/admin-sdk"
import { InboxSolid } from "@medusajs/icons"
import { InboxList } from "../../components/inbox/inbox-list"
import { SyncPanel } from "../../components/inbox/sync-panel"

/** Orders → 決済処理中: the full inbox and the notice sync panel. */
const PaygentInboxPage = () => (
  <div className="flex flex-col gap-y-3">
    <InboxList />
    <SyncPanel />
  </div>
)

export const config = defineRouteConfig({
  label: "paygent.inbox.menu",
  translationNs: "translation",
  icon: InboxSolid,
  nested: "/orders",
})

export default PaygentInboxPage
