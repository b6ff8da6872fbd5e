import type { ViewProps } from '../types.browser'
import { itemId } from './definition'
import { dash, E_FIELDS, E_TEXTS, EXTENSION_FIELDS, FOUR_E, MIX_LABELS } from './labels'
import { MixMap } from './map-table'
import { extensionLabel, mixItems, mixSize } from './mix'
import type { MixConfig } from './schema'

/**
 * Read-only marketing mix, as the editor lays it out: each P a row of its
 * sub-parts, the extensions as more rows; beside it on wide screens, the 4E
 * mapped onto the P they transform, then what each E proposes.
 */
export default function MixView({ field, value, caption, headingLevel = 3 }: ViewProps<'mix'>) {
  const config: MixConfig = field
  const Title = `h${headingLevel}` as 'h2' | 'h3'
  const Row = `h${headingLevel + 1}` as 'h3' | 'h4'
  const items = mixItems(config, value)
  return (
    <div className="mix-view">
      <div className="mix-board__layout">
        <div className="mix-board__p">
          <Title className="mix-board__title">{MIX_LABELS.pTitle(mixSize(value))}</Title>
          {config.fourP.map((p) => (
            <section key={p.id} className="mix-row">
              <Row className="mix-row__head">{p.label}</Row>
              <dl className="mix-row__cells">
                {p.parts.map((part) => (
                  <div key={part.id} className="mix-cell" data-item-id={itemId.part(p.id, part.id)} tabIndex={-1}>
                    <dt>{part.label}</dt>
                    <dd>{dash(value.p[p.id]?.[part.id])}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
          {value.extensions.map((x) => (
            <section key={x.id} className="mix-row mix-row--extension" data-item-id={itemId.extension(x.id)} tabIndex={-1}>
              <Row className="mix-row__head">{extensionLabel(config, x.id)}</Row>
              <dl className="mix-row__cells">
                <div className="mix-cell">
                  <dt>{EXTENSION_FIELDS.content.column}</dt>
                  <dd>{dash(x.content)}</dd>
                </div>
                <div className="mix-cell">
                  <dt>{EXTENSION_FIELDS.context.label}</dt>
                  <dd>{dash(x.context)}</dd>
                </div>
              </dl>
            </section>
          ))}
        </div>
        <div className="mix-board__e">
          <Title className="mix-board__title">{MIX_LABELS.eTitle}</Title>
          <MixMap items={items} value={value} label={MIX_LABELS.tableOfE(caption)} />
          {FOUR_E.map(({ id, label }) => (
            <section key={id} className="mix-row mix-row--e" data-item-id={itemId.e(id)} tabIndex={-1}>
              <Row className="mix-row__head">{label}</Row>
              <dl className="mix-row__cells">
                {E_TEXTS.map((f) => (
                  <div key={f} className="mix-cell">
                    <dt>{E_FIELDS[f].label}</dt>
                    <dd>{dash(value.e[id]?.[f])}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
