/*
 * Preloaded (node -r) into the processes the demo starts (Medusa): when the demo process is gone (killed without
 * the chance to stop its children), the child is re-parented; it then stops itself instead of running on.
 */
"use strict"
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) {
    process.kill(process.pid, "SIGTERM")
    setTimeout(() => process.exit(1), 15000).unref()
  }
}, 1000).unref()
