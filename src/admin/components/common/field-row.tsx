import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A label / value row in the dashboard's side-section style. */
export const FieldRow = ({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start gap-x-2 px-6 py-3" data-testid={testId}>
    <Text size="small" leading="compact" weight="plus">
      {label}
    </Text>
    <div className="min-w-0 break-words">{typeof children === "string" ? <Text size="small" leading="compact">{children}</Text> : children}</div>
  </div>
)
