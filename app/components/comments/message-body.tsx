import { find } from 'linkifyjs'
import type { ReactNode } from 'react'

/** Addresses a comment may link to. */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i

/** The parts of a plain text: text as it is, and the web and e-mail addresses in it as links (http, https and mailto only). */
export function linkParts(text: string): ({ text: string } | { text: string; href: string })[] {
  const parts: ({ text: string } | { text: string; href: string })[] = []
  let at = 0
  for (const link of find(text, { defaultProtocol: 'https' })) {
    if (!link.isLink || !SAFE_HREF.test(link.href) || link.start < at) continue
    if (link.start > at) parts.push({ text: text.slice(at, link.start) })
    parts.push({ text: link.value, href: link.href })
    at = link.end
  }
  if (at < text.length) parts.push({ text: text.slice(at) })
  return parts
}

/**
 * A message as its author typed it: plain text (React escapes it; no HTML is
 * ever read), line breaks kept, addresses made into links that open in a new
 * tab and tell the linked site nothing.
 */
export function MessageBody({ text }: { text: string }) {
  const nodes: ReactNode[] = linkParts(text).map((part, i) =>
    'href' in part ? (
      <a key={i} href={part.href} rel="noopener noreferrer nofollow" target="_blank">
        {part.text}
        <span className="visually-hidden"> (nouvel onglet)</span>
      </a>
    ) : (
      part.text
    ),
  )
  return <p className="comment-message__body">{nodes}</p>
}
