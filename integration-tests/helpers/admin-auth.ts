import type { AxiosInstance } from "axios"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"

/**
 * An admin user and its bearer token, made the way Medusa 2.21 makes one through its own API:
 * `POST /auth/user/emailpass/register` (an auth identity with a scrypt password, and a registration token),
 * `createUserAccountWorkflow` (the user, linked to the identity as `app_metadata.user_id`), then a real login at
 * `POST /auth/user/emailpass`. The token is a JWT signed with the app's `jwtSecret`; it stays valid across the
 * runner's per-test database resets because the user made in `beforeAll` is part of the template database.
 */
export async function createAdminUser(
  api: AxiosInstance,
  container: MedusaContainer,
  email = `admin-${Date.now()}@example.jp`
): Promise<{ userId: string; token: string; headers: { headers: { authorization: string } } }> {
  const password = "paygent-test-password"
  const { data: registered } = await api.post("/auth/user/emailpass/register", { email, password })
  const claims = JSON.parse(Buffer.from(String(registered.token).split(".")[1], "base64url").toString("utf8"))
  const { result: user } = await createUserAccountWorkflow(container).run({
    input: { authIdentityId: claims.auth_identity_id, userData: { email, first_name: "管理", last_name: "太郎" } },
  })
  const { data: login } = await api.post("/auth/user/emailpass", { email, password })
  return { userId: user.id, token: login.token, headers: { headers: { authorization: `Bearer ${login.token}` } } }
}
