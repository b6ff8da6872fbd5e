import { RICH_TEXT_ERRORS } from './labels'
import { SAFE_URL, UPLOAD_SRC } from './rich-text'

/**
 * The attribute values the editor makes, node by node and mark by mark.
 * Used by the check of a saved value (check.ts, which refuses the others) and
 * by the sanitiser of stored values (sanitize.ts, which drops them).
 * Attribute names come from the editor's own schema.
 */

const isString = (max: number) => (v: unknown) => typeof v === 'string' && v.length <= max
const isNullOr = (test: (v: unknown) => boolean) => (v: unknown) => v === null || v === undefined || test(v)
const isInt = (min: number, max: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max
const isSize = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100_000) || (typeof v === 'string' && /^\d{1,6}(px|%)?$/.test(v))
const cellAttrs = {
  colspan: isInt(1, 100),
  rowspan: isInt(1, 1_000),
  colwidth: isNullOr((v) => Array.isArray(v) && v.length <= 100 && v.every((w) => w === null || isInt(0, 100_000)(w))),
  align: isNullOr((v) => v === 'left' || v === 'center' || v === 'right'),
}

type Rule = (v: unknown) => boolean
const RULES: Record<string, Record<string, Rule>> = {
  heading: { level: (v) => v === 3 || v === 4 },
  orderedList: { start: isInt(0, 100_000), type: isNullOr(isString(10)) },
  tableCell: cellAttrs,
  tableHeader: cellAttrs,
  image: {
    src: (v) => typeof v === 'string' && UPLOAD_SRC.test(v),
    alt: isNullOr(isString(1_000)),
    title: isNullOr(isString(1_000)),
    width: isNullOr(isSize),
    height: isNullOr(isSize),
  },
  link: {
    href: (v) => typeof v === 'string' && v.length <= 2_000 && SAFE_URL.test(v),
    target: isNullOr((v) => v === '_blank'),
    rel: isNullOr(isString(200)),
    class: isNullOr(isString(200)),
    title: isNullOr(isString(1_000)),
  },
}

/** Attributes without which the node or mark means nothing (an image without its file, a link without its address). */
export const REQUIRED_ATTRS: Record<string, string> = { image: 'src', link: 'href' }

/** Why an attribute value is refused, in French, or null when the editor could have made it. */
export function attrProblem(owner: string, name: string, value: unknown): string | null {
  const rule = RULES[owner]?.[name]
  if (rule) {
    if (rule(value)) return null
    if (owner === 'image' && name === 'src') return RICH_TEXT_ERRORS.image
    if (owner === 'link' && name === 'href') return RICH_TEXT_ERRORS.link
    if (owner === 'heading' && name === 'level') return RICH_TEXT_ERRORS.headingLevel
    return RICH_TEXT_ERRORS.badAttr(name)
  }
  const plain = value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || isString(1_000)(value)
  return plain ? null : RICH_TEXT_ERRORS.badAttr(name)
}

/** A heading level the editor offers, from any stored one (h1, h2 → h3; h5, h6 → h4). */
export const headingLevel = (v: unknown): 3 | 4 => (typeof v === 'number' && v >= 4 ? 4 : 3)
