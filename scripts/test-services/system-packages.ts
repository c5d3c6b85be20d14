/**
 * What the tests need from the system (redis-server, chromium, a Japanese font) comes from the system's package
 * manager when the setup may use it: as root on Debian or Ubuntu (apt-get). Anywhere else the setup stops with a
 * message naming the package to install and why, rather than skipping the tests that need it.
 */
import * as fs from "fs"
import * as path from "path"
import { runToEnd } from "../demo/util"
import { say } from "./say"

/** The package that provides a need, per platform. */
export interface PackageNames {
  debian: string[]
  ubuntu: string[]
  /** Homebrew formula or cask, for the message on macOS. */
  brew: string
}

export interface Apt {
  /** Why apt-get cannot be used here (shown in the message), or undefined when it can. */
  refused?: string
  distro?: "debian" | "ubuntu"
  install(packages: string[]): Promise<void>
}

function osRelease(): { id: string; like: string[] } {
  try {
    const text = fs.readFileSync("/etc/os-release", "utf8")
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? ""
    return { id: field("ID"), like: field("ID_LIKE").split(/\s+/).filter(Boolean) }
  } catch {
    return { id: "", like: [] }
  }
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** An executable called `name` in PATH (or in the usual system folders, which a non-login PATH may miss). */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? "").split(path.delimiter), "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
  for (const dir of dirs.filter(Boolean)) {
    const candidate = path.join(dir, name)
    if (isExecutable(candidate)) {
      return candidate
    }
  }
  return undefined
}

let updated = false

/** apt-get as root on Debian/Ubuntu; its output goes to `logFile`. */
export function apt(logFile: string): Apt {
  const release = osRelease()
  const family = [release.id, ...release.like]
  const distro = release.id === "ubuntu" ? "ubuntu" : family.includes("debian") || family.includes("ubuntu") ? "debian" : undefined
  let refused: string | undefined
  if (process.platform !== "linux" || !distro) {
    refused = "this system is not Debian or Ubuntu"
  } else if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    refused = "npm test is not running as root"
  } else if (!findExecutable("apt-get")) {
    refused = "apt-get is missing"
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" }
  return {
    refused,
    distro,
    install: async (packages) => {
      if (refused) {
        throw new Error(`cannot install ${packages.join(" ")}: ${refused}`)
      }
      say(`installing ${packages.join(" ")} with apt-get (output in ${logFile})`)
      if (!updated) {
        await runToEnd("apt-get", ["update", "-q"], { env, logFile, what: "apt-get update" })
        updated = true
      }
      await runToEnd("apt-get", ["install", "-y", "-q", ...packages], { env, logFile, what: `apt-get install ${packages.join(" ")}` })
    },
  }
}

/** How to get a missing package here, for the message when the setup could not install it itself. */
export function installHint(names: PackageNames, manager: Apt): string {
  if (manager.distro) {
    const packages = names[manager.distro].join(" ")
    return manager.refused
      ? `install it with \`sudo apt-get install ${packages}\` (npm test runs apt-get itself only as root)`
      : `\`apt-get install ${packages}\` ran but did not provide it`
  }
  if (process.platform === "darwin") {
    return `install it with \`brew install ${names.brew}\``
  }
  return `install ${names.debian.join(" ")} (Debian's package names) with your system's package manager`
}
