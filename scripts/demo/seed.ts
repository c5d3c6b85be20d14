/**
 * `medusa exec` script of the demo (run by scripts/demo/main.ts in the demo's app folder): the Japanese store and
 * an admin user, both idempotent. Writes what the demo needs (publishable key, region…) as JSON to
 * DEMO_SEED_OUT.
 */
import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { ensureDemoStore } from "./seed-store"

async function ensureAdmin(container: ExecArgs["container"], email: string, password: string): Promise<boolean> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const [existing] = await userModule.listUsers({ email })
  const identities = await authModule.listProviderIdentities({ entity_id: email, provider: "emailpass" })
  if (existing && identities.length > 0) {
    return false
  }
  const user =
    existing ??
    (
      await createUsersWorkflow(container).run({
        input: { users: [{ email, first_name: "Demo", last_name: "Admin" }] },
      })
    ).result[0]
  const { authIdentity, error } = await authModule.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`could not register the admin's password: ${error}`)
  }
  await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  return true
}

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const email = process.env.DEMO_ADMIN_EMAIL ?? "admin@example.jp"
  const password = process.env.DEMO_ADMIN_PASSWORD ?? "paygent-demo"
  const { store, created } = await ensureDemoStore(container)
  const adminCreated = await ensureAdmin(container, email, password)
  logger.info(`demo seed: store ${created ? "created" : "already there"}, admin ${adminCreated ? "created" : "already there"}`)
  const out = process.env.DEMO_SEED_OUT
  if (out) {
    writeFileSync(out, JSON.stringify({ ...store, adminEmail: email }, null, 2))
  }
}
