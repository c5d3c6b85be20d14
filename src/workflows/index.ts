// Workflows of the plugin, exported for host applications as "medusa-payment-paygent/workflows".
export {}
