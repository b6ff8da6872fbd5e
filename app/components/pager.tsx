import { Link } from '@remix-run/react'

/** Previous / next links under a long list, and where the reader is; nothing when the list fits one page. */
export function Pager({ label, page, pages, href }: { label: string; page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          ← Page précédente
        </Link>
      ) : null}
      <span>
        Page {page} sur {pages}
      </span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          Page suivante →
        </Link>
      ) : null}
    </nav>
  )
}
