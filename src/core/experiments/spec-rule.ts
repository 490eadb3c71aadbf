/** An error callback that says "required: <rule>" for a missing value and "expected <rule>" otherwise. */
export function rule(text: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? `required: ${text}` : `expected ${text}`) };
}
