/**
 * Preloaded into the bench app's Medusa process (NODE_OPTIONS=--require …) by bench/profile-checkout.ts; never part of
 * the plugin. SIGUSR2 starts V8's sampling profiler through the inspector module, the next SIGUSR2 stops it and writes
 * `<BENCH_CPU_PROFILE_DIR>/<n>.cpuprofile`; `<n>.started` holds process.hrtime at the start, so the bench can check
 * that the profile's clock (µs, monotonic) is the one it timed its requests with.
 */
"use strict"
const fs = require("fs")
const inspector = require("inspector")
const path = require("path")

const dir = process.env.BENCH_CPU_PROFILE_DIR
const interval = Number(process.env.BENCH_CPU_PROFILE_INTERVAL_US || 500)
if (dir) {
  let session
  let count = 0
  process.on("SIGUSR2", () => {
    if (!session) {
      const current = new inspector.Session()
      session = current
      current.connect()
      current.post("Profiler.enable", () =>
        current.post("Profiler.setSamplingInterval", { interval }, () =>
          current.post("Profiler.start", () => {
            fs.writeFileSync(path.join(dir, `${count}.started`), String(process.hrtime.bigint() / 1000n))
          })
        )
      )
      return
    }
    const current = session
    session = undefined
    current.post("Profiler.stop", (error, result) => {
      const file = path.join(dir, `${count++}.cpuprofile`)
      fs.writeFileSync(file + ".tmp", error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile))
      fs.renameSync(file + ".tmp", file)
      current.disconnect()
    })
  })
}
