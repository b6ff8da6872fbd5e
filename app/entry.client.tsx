import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { preloadRenderedKinds } from './kinds/registry.browser'

// The editors and views on the page load first (in parallel), so the whole page hydrates at once:
// a learner typing as the page appears never types into HTML that React has not taken over yet.
void preloadRenderedKinds(document).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
