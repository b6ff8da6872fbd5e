import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { SessionLinks } from '~/components/session-links'
import { DownloadLink } from '~/components/download-link'
import { Badge, EmptyState, PageHeader, Stat, TableWrap } from '~/components/ui'
import {
  AGREEMENT_BAND_INFO,
  AGREEMENT_BAND_LABELS,
  AGREEMENT_GUIDE,
  formatKappa,
  formatShare,
  LANDIS_KOCH_SOURCE,
  NO_KAPPA_LABEL,
  type AgreementBand,
} from '~/domain/agreement'
import { formatDate, formatNumber, frenchTypography as ft, plural } from '~/domain/format'
import { sessionAgreement, type AgreementFigures } from '~/services/agreement.server'
import { requirePermission } from '~/services/auth.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Accord entre correcteurs — ${data?.session.name ?? 'Session'} — Atelier` }]

/** Admins only, as the session's settings page: the figures name the jurors. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const report = await sessionAgreement(params.sessionId ?? '')
  if (!report) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  return report
}

const BAND_TONES: Record<AgreementBand, 'neutral' | 'info' | 'success' | 'accent'> = {
  poor: 'accent',
  slight: 'accent',
  fair: 'accent',
  moderate: 'info',
  substantial: 'success',
  'almost-perfect': 'success',
}

function Reading({ band }: { band: AgreementBand | null }) {
  return band ? <Badge tone={BAND_TONES[band]}>{AGREEMENT_BAND_LABELS[band]}</Badge> : <Badge>{NO_KAPPA_LABEL}</Badge>
}

function Kappa({ kappa }: { kappa: number | null }) {
  if (kappa !== null) return <>{formatKappa(kappa)}</>
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{NO_KAPPA_LABEL}</span>
    </>
  )
}

/** The figure columns shared by the three tables, after the columns of their own. */
const FIGURE_HEADERS = (
  <>
    <th scope="col" className="num">
      Niveaux comparés
    </th>
    <th scope="col" className="num">
      Niveaux différents
    </th>
    <th scope="col" className="num">
      Accord observé
    </th>
    <th scope="col" className="num">
      Accord attendu <span className="th-help">par hasard</span>
    </th>
    <th scope="col" className="num">
      Kappa
    </th>
    <th scope="col">Lecture</th>
  </>
)

function FigureCells({ figures }: { figures: AgreementFigures }) {
  return (
    <>
      <td className="num" data-label="Niveaux comparés">
        {formatNumber(figures.n)}
      </td>
      <td className="num" data-label="Niveaux différents">
        {formatNumber(figures.n - figures.agreements)}
      </td>
      <td className="num" data-label="Accord observé">
        {formatShare(figures.observed)}
      </td>
      <td className="num" data-label="Accord attendu par hasard">
        {formatShare(figures.expected)}
      </td>
      <td className="num" data-label="Kappa">
        <Kappa kappa={figures.kappa} />
      </td>
      <td data-label="Lecture">
        <Reading band={figures.band} />
      </td>
    </>
  )
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: ReactNode; children: ReactNode }) {
  return (
    <section className="section agreement__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {lead ? <p className="card__muted">{lead}</p> : null}
      {children}
    </section>
  )
}

export default function Agreement() {
  const report = useLoaderData<typeof loader>()
  const { session, instances, pairs, criteria, overall } = report
  const compared = instances.reduce((s, i) => s + i.compared, 0)
  const assigned = instances.reduce((s, i) => s + i.copies, 0)

  return (
    <div className="agreement">
      <PageHeader
        title="Accord entre correcteurs"
        lead={
          <>
            {session.name}, du {formatDate(session.startsOn)} au {formatDate(session.endsOn)}&nbsp;: les copies des épreuves en double correction dont les deux
            grilles sont closes.
          </>
        }
        actions={
          <>
            <SessionLinks sessionId={session.id} current="Accord entre correcteurs" />
            {overall ? <DownloadLink href={`/admin/sessions/${session.id}/accord.xlsx`}>Télécharger en Excel</DownloadLink> : null}
          </>
        }
      />

      {!overall ? (
        <>
          <div className="section">
            {instances.length === 0 ? (
              <EmptyState title="Aucune épreuve de cette session n’est en double correction">
                <p>
                  La double correction se règle épreuve par épreuve dans les <Link to={`/admin/sessions/${session.id}`}>réglages de la session</Link>. L’accord
                  se calcule ensuite sur les copies dont les deux correcteurs ont clos leur grille.
                </p>
              </EmptyState>
            ) : (
              <EmptyState title="Aucune copie doublement corrigée n’a encore ses deux grilles closes">
                <p>L’accord se calcule sur les copies dont les deux correcteurs ont clos leur grille&nbsp;: une grille encore ouverte peut changer.</p>
                {instances.map((i) => (
                  <p key={i.instanceId}>
                    {ft(i.title)} ({i.range})&nbsp;: {plural(i.copies, 'copie attribuée', 'copies attribuées')}, aucune comparée.
                  </p>
                ))}
              </EmptyState>
            )}
          </div>
          <Guide />
        </>
      ) : (
        <>
          <Guide />

          <Section id="accord-synthese" title="En bref">
            <dl className="stats">
              <Stat label="Copies comparées" value={`${formatNumber(compared)} sur ${formatNumber(assigned)}`} />
              <Stat label="Niveaux comparés" value={formatNumber(overall.n)} />
              <Stat label="Accord observé" value={formatShare(overall.observed)} />
              <Stat label="Kappa" value={formatKappa(overall.kappa)} />
            </dl>
            <p>
              Lecture d’ensemble&nbsp;: <Reading band={overall.band} />
            </p>
          </Section>

          <Section id="accord-epreuves" title="Par épreuve">
            <TableWrap label="Accord par épreuve">
              <table className="table agreement__table">
                <caption className="visually-hidden">Accord entre correcteurs par épreuve en double correction</caption>
                <thead>
                  <tr>
                    <th scope="col">Épreuve</th>
                    <th scope="col" className="num">
                      Copies comparées
                    </th>
                    {FIGURE_HEADERS}
                  </tr>
                </thead>
                <tbody>
                  {instances.map((i) => (
                    <tr key={i.instanceId}>
                      <th scope="row" className="agreement__name">
                        {ft(i.title)} <span className="agreement__muted">({i.range})</span>
                      </th>
                      <td className="num" data-label="Copies comparées">
                        {formatNumber(i.compared)} sur {formatNumber(i.copies)}
                      </td>
                      {i.figures ? (
                        <FigureCells figures={i.figures} />
                      ) : (
                        <td colSpan={6} className="agreement__muted">
                          Aucune copie de cette épreuve n’a encore ses deux grilles closes.
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
                {instances.length > 1 ? (
                  <tfoot>
                    <tr>
                      <th scope="row">Ensemble des épreuves</th>
                      <td className="num" data-label="Copies comparées">
                        {formatNumber(compared)} sur {formatNumber(assigned)}
                      </td>
                      <FigureCells figures={overall} />
                    </tr>
                  </tfoot>
                ) : null}
              </table>
            </TableWrap>
          </Section>

          <Section id="accord-paires" title="Par paire de correcteurs">
            <TableWrap label="Accord par paire de correcteurs">
              <table className="table agreement__table">
                <caption className="visually-hidden">Accord entre correcteurs par paire de correcteurs</caption>
                <thead>
                  <tr>
                    <th scope="col">Correcteurs</th>
                    <th scope="col" className="num">
                      Copies comparées
                    </th>
                    {FIGURE_HEADERS}
                  </tr>
                </thead>
                <tbody>
                  {pairs.map((p) => (
                    <tr key={`${p.jurors[0].id}|${p.jurors[1].id}`}>
                      <th scope="row" className="agreement__name">
                        {p.jurors[0].name} et {p.jurors[1].name}
                      </th>
                      <td className="num" data-label="Copies comparées">
                        {formatNumber(p.compared)}
                      </td>
                      <FigureCells figures={p.figures} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </Section>

          <Section
            id="accord-criteres"
            title="Par critère, du moins bon accord au meilleur"
            lead={
              <>
                {plural(criteria.length, 'critère comparé', 'critères comparés')}, classés du kappa le plus faible au plus élevé (les kappas non calculables, où
                les deux correcteurs n’ont donné qu’un seul et même niveau, en dernier).
              </>
            }
          >
            <TableWrap label="Accord par critère">
              <table className="table agreement__table agreement__criteria">
                <caption className="visually-hidden">Accord entre correcteurs par critère, du moins bon accord au meilleur</caption>
                <thead>
                  <tr>
                    <th scope="col">Critère</th>
                    {FIGURE_HEADERS}
                  </tr>
                </thead>
                <tbody>
                  {criteria.map((c) => (
                    <tr key={`${c.evaluationId}|${c.criterionId}`} data-criterion={c.criterionId}>
                      <th scope="row" className="agreement__criterion">
                        <span className="agreement__id">{c.criterionId}</span> {ft(c.text)}
                        <span className="agreement__muted agreement__where">
                          {c.competencyId} · {ft(c.evaluationTitle)}
                        </span>
                      </th>
                      <FigureCells figures={c.figures} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </Section>
        </>
      )}
    </div>
  )
}

/** The reading guide: the Landis & Koch bands, then how the figures are computed. */
function Guide() {
  return (
    <Section id="accord-lecture" title="Comment lire ces chiffres">
      <div className="agreement__guide">
        <div>
          <p>{AGREEMENT_GUIDE[0]}</p>
          <p>{AGREEMENT_GUIDE[2]}</p>
          <details className="agreement__more">
            <summary>En savoir plus sur le calcul</summary>
            {AGREEMENT_GUIDE.filter((_, i) => i !== 0 && i !== 2).map((p) => (
              <p key={p}>{p}</p>
            ))}
            <p>Par épreuve et par critère, le premier correcteur de chaque copie est son correcteur principal.</p>
          </details>
        </div>
        <div>
          <TableWrap label="Barème de lecture du kappa">
            <table className="table agreement__bands">
              <caption>Lecture du kappa (Landis et Koch)</caption>
              <thead>
                <tr>
                  <th scope="col">Kappa</th>
                  <th scope="col">Lecture</th>
                </tr>
              </thead>
              <tbody>
                {AGREEMENT_BAND_INFO.map((b) => (
                  <tr key={b.id}>
                    <td>{b.range}</td>
                    <td>
                      <Reading band={b.id} />{' '}
                      <span className="agreement__muted" lang="en">
                        {b.english}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="agreement__source">{LANDIS_KOCH_SOURCE}</p>
        </div>
      </div>
    </Section>
  )
}
