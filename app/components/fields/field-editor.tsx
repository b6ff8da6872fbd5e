import type { FieldConfig } from '#templates/template.schema'
import type { ChecklistValue, FieldValue, SourcesValue, TableValue } from '~/domain/fields'
import type { PersonaValue } from '~/domain/persona'
import type { SmartValue } from '~/domain/smart'
import type { RichTextDoc } from '~/domain/rich-text'
import type { KpiValue } from '~/domain/kpi'
import type { MixValue } from '~/domain/mix'
import type { RetroValue } from '~/domain/retroplanning'
import { ChecklistEditor } from './checklist-editor'
import { KpiEditor, type LinkableObjective } from './kpi-editor'
import { MixEditor } from './mix-editor'
import { RetroplanningEditor } from './retroplanning-editor'
import { PersonaEditor } from './persona-editor'
import { SmartEditor } from './smart-editor'
import { RichTextEditor } from './rich-text-editor'
import { SourcesEditor } from './sources-editor'
import { TableEditor } from './table-editor'

/** The editor of a field kind. A new kind adds a case here and a value schema in app/domain/fields.ts. */
export function FieldEditor(props: {
  field: FieldConfig
  value: FieldValue
  onChange: (v: FieldValue) => void
  titleId: string
  guidanceId: string
  caption: string
  uploadUrl: string
  resetKey: number
  /** SMART objectives of the same candidate, for the KPI dashboard to link to. */
  objectives: LinkableObjective[]
}): JSX.Element {
  const { field, value, onChange } = props
  switch (field.kind) {
    case 'richText':
      return (
        <RichTextEditor
          value={value as RichTextDoc}
          onChange={onChange}
          labelledBy={props.titleId}
          describedBy={props.guidanceId}
          placeholder={field.placeholder}
          uploadUrl={props.uploadUrl}
          resetKey={props.resetKey}
        />
      )
    case 'table':
      return <TableEditor value={value as TableValue} onChange={onChange} columns={field.columns} caption={props.caption} rowLabel={field.rowLabel} />
    case 'checklist':
      return <ChecklistEditor value={value as ChecklistValue} onChange={onChange} items={field.items} legendId={props.titleId} />
    case 'sources':
      return <SourcesEditor value={value as SourcesValue} onChange={onChange} caption={props.caption} />
    case 'persona':
      return <PersonaEditor value={value as PersonaValue} onChange={onChange} uploadUrl={props.uploadUrl} />
    case 'smart':
      return <SmartEditor value={value as SmartValue} onChange={onChange} caption={props.caption} />
    case 'mix':
      return <MixEditor value={value as MixValue} onChange={onChange} config={field} idPrefix={props.titleId} />
    case 'retroplanning':
      return <RetroplanningEditor value={value as RetroValue} onChange={onChange} config={field} caption={props.caption} idPrefix={props.titleId} />
    case 'kpi':
      return <KpiEditor value={value as KpiValue} onChange={onChange} config={field} caption={props.caption} objectives={props.objectives} />
  }
}
