import type { FieldIssue } from './types.browser'

/**
 * Refused values, located: the server names where a value is wrong
 * (`path` inside the value); editors mark the input at that place.
 */

/** The message of the issue at exactly this place (or inside it), if any. */
export function issueAt(issues: readonly FieldIssue[], ...path: (string | number)[]): string | undefined {
  return issues.find((i) => path.every((p, n) => i.path[n] === p))?.message
}

/** Props that mark an input as refused and point at the sentence that says why. */
export function invalidProps(message: string | undefined, errorId: string) {
  return message ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}
}
