const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()

// Medusa's logger prints every link sync and loader step at "info" — thousands of lines per run that bury a failing
// test's report in CI's log. Warnings and errors still show; LOG_LEVEL set outside wins.
if (process.env.TEST_TYPE === "integration:http" && !process.env.LOG_LEVEL) process.env.LOG_LEVEL = "warn"
