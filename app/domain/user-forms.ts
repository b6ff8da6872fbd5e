import { z } from 'zod'
import { ROLES } from './permissions'

/** Form schemas shared by the admin user screens. */
export const rolesSchema = z.array(z.enum(ROLES, 'Rôle inconnu.')).min(1, 'Choisissez au moins un rôle.')

export const NewUserSchema = z.object({
  name: z.string().trim().min(2, 'Saisissez le prénom et le nom.').max(120, 'Ce nom est trop long (120 caractères au plus).'),
  email: z.string().trim().pipe(z.email('Cette adresse e-mail n’est pas valide.')),
  password: z.string().min(10, 'Le mot de passe doit compter au moins 10 caractères.').max(200, 'Ce mot de passe est trop long.'),
  roles: rolesSchema,
})

/** Reads a form into an object, keeping repeated `roles` fields as an array. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(form)
  out.roles = form.getAll('roles')
  return out
}

/** First message per field, for display next to each input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form')
    out[key] ??= issue.message
  }
  return out
}
