import { useState, type ReactNode } from 'react'

type State = { phase: 'idle' } | { phase: 'preparing' } | { phase: 'receiving'; percent: number | null } | { phase: 'error'; message: string }

/** The file name the server gives in Content-Disposition (the accented one when there is one). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? ''
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(header)
  if (utf8) return decodeURIComponent(utf8[1]!)
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback
}

/**
 * A download that says what it is doing. Without JavaScript it is a plain
 * link; with it, the file is fetched with a visible, announced progress
 * (« Préparation… », then the share received) and a French error if it fails.
 */
export function DownloadLink({ href, children, className = 'button button--ghost button--small' }: { href: string; children: ReactNode; className?: string }) {
  const [state, setState] = useState<State>({ phase: 'idle' })
  const busy = state.phase === 'preparing' || state.phase === 'receiving'

  async function download(event: React.MouseEvent<HTMLAnchorElement>) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    if (busy) return
    setState({ phase: 'preparing' })
    try {
      const response = await fetch(href, { credentials: 'same-origin' })
      if (!response.ok) throw new Error((await response.text()) || `Erreur ${response.status}`)
      // A page instead of a file: the session ended and the request was sent to the login page.
      if (!response.headers.get('Content-Disposition')) throw new Error('Votre session a peut-être expiré : rechargez la page et reconnectez-vous.')
      const total = Number(response.headers.get('Content-Length')) || null
      const reader = response.body!.getReader()
      const chunks: Uint8Array[] = []
      let received = 0
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        chunks.push(value)
        received += value.byteLength
        setState({ phase: 'receiving', percent: total ? Math.round((received / total) * 100) : null })
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: response.headers.get('Content-Type') ?? 'application/octet-stream' }))
      const a = document.createElement('a')
      a.href = url
      a.download = fileNameOf(response, href.split('/').pop()!.split('?')[0]!)
      document.body.append(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      setState({ phase: 'idle' })
    } catch (error) {
      setState({
        phase: 'error',
        message: error instanceof TypeError ? 'Connexion impossible : réessayez quand le réseau sera revenu.' : String((error as Error).message),
      })
    }
  }

  return (
    <span className="download">
      <a href={href} download className={className} onClick={download} aria-busy={busy || undefined}>
        {children}
      </a>
      <span className="download__status" role="status">
        {state.phase === 'preparing' ? 'Préparation du fichier…' : null}
        {state.phase === 'receiving' ? (state.percent === null ? 'Téléchargement…' : `Téléchargement : ${state.percent}\u00a0%`) : null}
        {state.phase === 'error' ? <span className="download__error">Échec du téléchargement. {state.message}</span> : null}
      </span>
    </span>
  )
}
