/**
 * `medusa exec` script of `npm run campaign`: the Japanese store of the integration tests (with stock for
 * thousands of orders) and an admin user. Writes the store's ids as JSON to CAMPAIGN_SEED_OUT.
 */
import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { seedJapaneseStore } from "../../scripts/demo/seed-store"

export default async function seedCampaign({ container }: ExecArgs) {
  const email = process.env.CAMPAIGN_ADMIN_EMAIL!
  const password = process.env.CAMPAIGN_ADMIN_PASSWORD!
  const store = await seedJapaneseStore(container, { stock: 1_000_000 })
  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Campaign", last_name: "Admin" }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`could not register the admin's password: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  writeFileSync(process.env.CAMPAIGN_SEED_OUT!, JSON.stringify(store, null, 2))
}
