import type { ViewProps } from '../types.browser'
import { ageText, BLOCK_KEYS, FACT_KEYS, FIELD_LABELS, INTENSITY_LABELS, PERSONA_LABELS } from './labels'
import { cardQuote } from './quote'
import type { Persona } from './schema'

const factText = (p: Persona, key: (typeof FACT_KEYS)[number]) => (key === 'age' ? ageText(p.age) : p[key].trim())

/** Persona sheets « portrait-robot », read-only and printable. */
export default function PersonaView({ value, headingLevel = 3 }: ViewProps<'persona'>) {
  const Name = `h${headingLevel}` as 'h2' | 'h3'
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4'
  if (value.personas.length === 0) return <p className="table-empty">{PERSONA_LABELS.none}</p>
  return (
    <div className="persona-sheets">
      {value.personas.map((p) => {
        const initials = p.firstName.trim().slice(0, 1).toUpperCase() || '?'
        const quote = cardQuote(p.quote)
        const media = p.media.filter((m) => m.channel.trim())
        return (
          <article key={p.id} data-item-id={p.id} tabIndex={-1} className="persona-sheet" aria-label={PERSONA_LABELS.sheet(p.firstName)}>
            <header className="persona-sheet__head">
              {p.avatar ? (
                <img src={p.avatar.src} alt={p.avatar.alt} className="persona-avatar" />
              ) : (
                <span className="persona-avatar persona-avatar--initials" aria-hidden="true">
                  {initials}
                </span>
              )}
              <div>
                <Name className="persona-sheet__name">{p.firstName.trim() || PERSONA_LABELS.noFirstName}</Name>
                {quote ? <p className="persona-sheet__quote">{quote}</p> : null}
              </div>
            </header>
            <dl className="persona-sheet__facts">
              {FACT_KEYS.map((key) => (
                <div key={key}>
                  <dt>{FIELD_LABELS[key]}</dt>
                  <dd>{factText(p, key) || '—'}</dd>
                </div>
              ))}
            </dl>
            <div className="persona-sheet__blocks">
              {BLOCK_KEYS.filter((key) => p[key].trim()).map((key) => (
                <section key={key}>
                  <Sub>{FIELD_LABELS[key]}</Sub>
                  <p>{p[key]}</p>
                </section>
              ))}
            </div>
            {media.length ? (
              <section>
                <Sub>{FIELD_LABELS.media}</Sub>
                <ul className="persona-media">
                  {media.map((m) => (
                    <li key={m.id}>
                      <span>{m.channel}</span>
                      <span className={`gauge gauge--${m.intensity ?? 0}`} aria-hidden="true" />
                      <span className="persona-media__level">{m.intensity ? INTENSITY_LABELS[m.intensity] : PERSONA_LABELS.intensityUnknown}</span>
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
