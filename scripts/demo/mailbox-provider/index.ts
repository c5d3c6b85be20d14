import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { MailboxNotificationService } from "./service"

/** The demo's e-mail catcher as a provider of Medusa's Notification Module (service.ts). */
export default ModuleProvider(Modules.NOTIFICATION, {
  services: [MailboxNotificationService],
})
