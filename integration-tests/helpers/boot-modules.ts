/**
 * Run in a child process (`bootModules`): boots modules with Medusa's own module loader, as `medusa start` does,
 * and prints how it went as the last line, JSON. A module that fails to load makes Medusa's loader reject a promise
 * nobody awaits as well, which would surface in whatever test runs next if this ran inside Jest.
 */
import { spawn } from "node:child_process"
import * as path from "node:path"

export interface BootOutcome {
  booted: boolean
  error?: string
}

const ROOT = path.resolve(__dirname, "../..")

export function bootModules(input: { clientUrl: string; modulesConfig: Record<string, unknown>; migrate?: boolean }): Promise<BootOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--unhandled-rejections=warn", "-r", "ts-node/register/transpile-only", __filename, JSON.stringify(input)],
      { cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") }, stdio: ["ignore", "pipe", "pipe"] }
    )
    let out = ""
    let err = ""
    child.stdout.on("data", (chunk) => (out += chunk))
    child.stderr.on("data", (chunk) => (err += chunk))
    child.on("error", reject)
    child.on("close", () => {
      const last = out.trim().split("\n").pop() ?? ""
      try {
        resolve(JSON.parse(last.slice(last.indexOf("{"))) as BootOutcome)
      } catch {
        reject(new Error(`boot-modules printed no outcome:\n${out.slice(-2000)}\n${err.slice(-2000)}`))
      }
    })
  })
}

async function main(): Promise<void> {
  const { MedusaApp, MedusaAppMigrateUp } = await import("@medusajs/framework/modules-sdk")
  const { ContainerRegistrationKeys, createPgConnection } = await import("@medusajs/framework/utils")
  const input = JSON.parse(process.argv[2]) as { clientUrl: string; modulesConfig: Record<string, any>; migrate?: boolean }
  const pg = createPgConnection({ clientUrl: input.clientUrl })
  const injectedDependencies = { [ContainerRegistrationKeys.PG_CONNECTION]: pg }
  const common = {
    modulesConfig: input.modulesConfig,
    injectedDependencies,
    sharedResourcesConfig: { database: { clientUrl: input.clientUrl } },
    cwd: ROOT,
  }
  let outcome: BootOutcome
  try {
    if (input.migrate) {
      await MedusaAppMigrateUp(common)
    }
    const app = await MedusaApp(common)
    await app.onApplicationStart()
    outcome = { booted: true }
  } catch (error) {
    outcome = { booted: false, error: String((error as Error)?.message ?? error) }
  }
  process.stdout.write(`\n${JSON.stringify(outcome)}\n`)
  await pg.destroy().catch(() => undefined)
  process.exit(0)
}

if (require.main === module) {
  void main()
}
