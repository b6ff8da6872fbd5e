import { formatNumber, frenchTypography } from '~/domain/format'
import { INTENSITY_LABELS, type PersonaValue } from '~/domain/persona'

/** Persona sheets « portrait-robot », read-only and printable. */
export function PersonaView({ value, headingLevel = 3 }: { value: PersonaValue; headingLevel?: 2 | 3 }) {
  const Name = `h${headingLevel}` as 'h2' | 'h3'
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4'
  if (value.personas.length === 0) return <p className="table-empty">Aucun persona.</p>
  return (
    <div className="persona-sheets">
      {value.personas.map((p) => {
        const initials = p.firstName.trim().slice(0, 1).toUpperCase() || '?'
        const facts: [string, string][] = [
          ['Âge', p.age === null ? '' : `${formatNumber(p.age)} ans`],
          ['Localisation', p.location],
          ['CSP', p.csp],
          ['Situation', p.family],
        ]
        const blocks: [string, string][] = [
          ['Goûts et centres d’intérêt', p.tastes],
          ['Habitudes de consommation', p.habits],
          ['Rapport aux marques', p.brands],
          ['Besoins et motivations', p.needs],
          ['Freins et frustrations', p.frustrations],
          ['Inclusion et accessibilité', p.inclusion],
        ]
        return (
          <article key={p.id} className="persona-sheet" aria-label={`Persona ${p.firstName || 'sans prénom'}`}>
            <header className="persona-sheet__head">
              {p.avatar ? (
                <img src={p.avatar.src} alt={p.avatar.alt} className="persona-avatar" />
              ) : (
                <span className="persona-avatar persona-avatar--initials" aria-hidden="true">
                  {initials}
                </span>
              )}
              <div>
                <Name className="persona-sheet__name">{p.firstName || 'Sans prénom'}</Name>
                {p.quote ? <p className="persona-sheet__quote">{frenchTypography(`« ${p.quote} »`)}</p> : null}
              </div>
            </header>
            <dl className="persona-sheet__facts">
              {facts.map(([label, v]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{v || '—'}</dd>
                </div>
              ))}
            </dl>
            <div className="persona-sheet__blocks">
              {blocks
                .filter(([, v]) => v.trim())
                .map(([label, v]) => (
                  <section key={label}>
                    <Sub>{label}</Sub>
                    <p>{v}</p>
                  </section>
                ))}
            </div>
            {p.media.some((m) => m.channel.trim()) ? (
              <section>
                <Sub>Consommation médiatique</Sub>
                <ul className="persona-media">
                  {p.media
                    .filter((m) => m.channel.trim())
                    .map((m) => (
                      <li key={m.id}>
                        <span>{m.channel}</span>
                        <span className={`gauge gauge--${m.intensity ?? 0}`} aria-hidden="true" />
                        <span className="persona-media__level">{m.intensity ? INTENSITY_LABELS[m.intensity] : 'Non précisée'}</span>
                      </li>
                    ))}
                </ul>
              </section>
            ) : null}
          </article>
        )
      })}
    </div>
  )
}
