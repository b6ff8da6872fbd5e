import { Node as PMNode, type ContentMatch } from '@tiptap/pm/model'
import { attrProblem, REQUIRED_ATTRS } from './attrs'
import { RICH_TEXT_ERRORS } from './labels'
import { editorSchema } from './pm-schema'
import { MAX_CHILDREN, MAX_DEPTH, pathOf, walk } from './rich-text'
import type { RichTextNode, RichTextValue } from './schema'

/**
 * The checks of a saved rich text, in two passes (see schema.ts): the size of
 * anything sent (without recursion: a document nested thousands of levels deep
 * must get a clear refusal, not a stack overflow), then, once the shape is
 * known, what the editor's own ProseMirror schema accepts.
 */

export type Problem = { path: (string | number)[]; message: string }
type Path = (string | number)[]

/** Depth and number of children, measured iteratively on anything. */
export function structureProblems(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [{ path: [], message: RICH_TEXT_ERRORS.notADocument }]
  let problem: Problem | null = null
  walk(input, (step) => {
    if (problem) return false
    if (step.depth > MAX_DEPTH) {
      problem = { path: pathOf(step), message: RICH_TEXT_ERRORS.tooDeep }
      return false
    }
    const content = (step.node as { content?: unknown }).content
    if (Array.isArray(content) && content.length > MAX_CHILDREN) {
      problem = { path: [...pathOf(step), 'content'], message: RICH_TEXT_ERRORS.tooMany(MAX_CHILDREN) }
      return false
    }
  })
  return problem ? [problem] : []
}

function attrsProblems(owner: string, declared: Record<string, unknown> | undefined, attrs: Record<string, unknown> | undefined, path: Path): Problem[] {
  const problems: Problem[] = []
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (!declared || !(name in declared)) problems.push({ path: [...path, name], message: RICH_TEXT_ERRORS.unknownAttr(name) })
    else {
      const message = attrProblem(owner, name, value)
      if (message) problems.push({ path: [...path, name], message })
    }
  }
  const required = REQUIRED_ATTRS[owner]
  if (required && attrs?.[required] === undefined) problems.push({ path: [...path, required], message: attrProblem(owner, required, undefined)! })
  return problems
}

/** Text, attributes, links and images, node by node (the depth is known to be small). */
function nodeProblems(json: RichTextNode | RichTextValue, path: Path, problems: Problem[]): void {
  const type = editorSchema.nodes[json.type]
  if (!type) {
    problems.push({ path: [...path, 'type'], message: RICH_TEXT_ERRORS.unknownNode })
    return
  }
  const node = json as RichTextNode
  problems.push(...attrsProblems(json.type, type.spec.attrs, node.attrs, [...path, 'attrs']))
  if (json.type === 'text') {
    if (typeof node.text !== 'string') problems.push({ path: [...path, 'text'], message: RICH_TEXT_ERRORS.textMissing })
    else if (node.text === '') problems.push({ path: [...path, 'text'], message: RICH_TEXT_ERRORS.emptyText })
  }
  node.marks?.forEach((mark, i) => {
    const markType = editorSchema.marks[mark.type]
    if (!markType) problems.push({ path: [...path, 'marks', i, 'type'], message: RICH_TEXT_ERRORS.unknownMark })
    else problems.push(...attrsProblems(mark.type, markType.spec.attrs, mark.attrs, [...path, 'marks', i, 'attrs']))
  })
  json.content?.forEach((child, i) => nodeProblems(child, [...path, 'content', i], problems))
}

/**
 * Which child may not sit where it is, by the editor's content expressions
 * (a document inside a document, a table cell outside a table, an empty list…).
 * Inside a paragraph or a heading the place given is the block (adjacent texts are merged when read).
 */
function placementProblems(node: PMNode, path: Path, problems: Problem[]): void {
  let match: ContentMatch | null = node.type.contentMatch
  node.forEach((child, _offset, i) => {
    const childPath = node.inlineContent ? path : [...path, 'content', i]
    if (match) {
      const next: ContentMatch | null = match.matchType(child.type)
      if (!next) problems.push({ path: childPath, message: RICH_TEXT_ERRORS.misplaced(child.type.name, node.type.name) })
      match = next
    }
    if (child.marks.length && !node.type.allowsMarks(child.marks)) problems.push({ path: childPath, message: RICH_TEXT_ERRORS.markNotAllowed(node.type.name) })
    placementProblems(child, childPath, problems)
  })
  if (match && !match.validEnd) problems.push({ path, message: RICH_TEXT_ERRORS.incomplete(node.type.name) })
}

/** What the editor would refuse in a document of the right shape and depth. */
export function editorProblems(doc: RichTextValue): Problem[] {
  const problems: Problem[] = []
  nodeProblems(doc, [], problems)
  if (problems.length) return problems
  let node: PMNode
  try {
    node = PMNode.fromJSON(editorSchema, doc)
  } catch {
    return [{ path: [], message: RICH_TEXT_ERRORS.unreadable }]
  }
  placementProblems(node, [], problems)
  if (problems.length) return problems
  try {
    node.check()
  } catch {
    return [{ path: [], message: RICH_TEXT_ERRORS.invalid }]
  }
  return []
}
