import { FOUR_E, mixItems, mixSize, type MixConfig, type MixValue } from '~/domain/mix'

/** Read-only marketing mix: the P in a table of sub-parts, then the 4E with the P they transform. */
export function MixView({ value, config, caption }: { value: MixValue; config: MixConfig; caption: string }) {
  const labels = new Map(mixItems(config, value).map((i) => [i.id, i.label]))
  const dash = (s: string | undefined) => (s && s.trim() ? s : '—')
  return (
    <div className="mix-view">
      <div className="table-wrap" role="region" aria-label={`${caption} : les ${mixSize(value)}P`} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{`${caption} : les ${mixSize(value)}P`}</caption>
          <thead>
            <tr>
              <th scope="col">P</th>
              <th scope="col">Sous-partie</th>
              <th scope="col">Contenu</th>
            </tr>
          </thead>
          <tbody>
            {config.fourP.flatMap((p) =>
              p.parts.map((part, i) => (
                <tr key={`${p.id}-${part.id}`}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={p.parts.length}>
                      {p.label}
                    </th>
                  ) : null}
                  <td>{part.label}</td>
                  <td>{dash(value.p[p.id]?.[part.id])}</td>
                </tr>
              )),
            )}
            {value.extensions.map((x) => (
              <tr key={x.id}>
                <th scope="row">{labels.get(x.id) ?? x.id}</th>
                <td>Extension</td>
                <td>
                  {dash(x.content)}
                  {x.context.trim() ? <span className="card__muted"> · Contexte : {x.context}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap" role="region" aria-label={`${caption} : les 4E`} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{`${caption} : les 4E`}</caption>
          <thead>
            <tr>
              <th scope="col">E</th>
              <th scope="col">Proposition</th>
              <th scope="col">Illustration</th>
              <th scope="col">Sur-mesure</th>
              <th scope="col">P transformés</th>
            </tr>
          </thead>
          <tbody>
            {FOUR_E.map(({ id, label }) => {
              const e = value.e[id]
              return (
                <tr key={id}>
                  <th scope="row">{label}</th>
                  <td>{dash(e?.proposal)}</td>
                  <td>{dash(e?.illustration)}</td>
                  <td>{dash(e?.personalisation)}</td>
                  <td>{e?.links.length ? e.links.map((l) => labels.get(l) ?? l).join(', ') : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
