import { ROLE_LABELS, ROLES, type Role } from '~/domain/permissions'

export function RoleFieldset({ selected, error }: { selected: readonly Role[]; error?: string }) {
  return (
    <fieldset className="fieldset" aria-describedby={error ? 'roles-error' : undefined}>
      <legend>Rôles</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input type="checkbox" name="roles" value={role} defaultChecked={selected.includes(role)} />
          {ROLE_LABELS[role]}
        </label>
      ))}
      {error ? (
        <p className="field__error" id="roles-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
