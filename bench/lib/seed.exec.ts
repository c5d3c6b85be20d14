/**
 * `medusa exec` script of the benchmarks (bench/lib/app.ts runs it once on the template database): the Japanese store
 * of the integration tests (seedJapaneseStore, with stock enough for every bench) and an admin user. Writes the store's
 * ids as JSON to BENCH_SEED_OUT.
 */
import { writeFileSync } from "fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUsersWorkflow } from "@medusajs/medusa/core-flows"
import { seedJapaneseStore } from "../../scripts/demo/seed-store"

export default async function seedBench({ container }: ExecArgs) {
  const email = process.env.BENCH_ADMIN_EMAIL ?? "bench@example.jp"
  const password = process.env.BENCH_ADMIN_PASSWORD ?? "paygent-bench"
  const store = await seedJapaneseStore(container, { stock: 10_000_000 })
  const {
    result: [user],
  } = await createUsersWorkflow(container).run({ input: { users: [{ email, first_name: "Bench", last_name: "Admin" }] } })
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`could not register the admin's password: ${error}`)
  }
  await auth.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  const out = process.env.BENCH_SEED_OUT
  if (out) {
    writeFileSync(out, JSON.stringify({ ...store, adminEmail: email, adminPassword: password }, null, 2))
  }
}
