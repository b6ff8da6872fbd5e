/** `npm run setup`: creates the local session secret once (never overwrites it). */
import { createSessionSecretFile, sessionSecretFile } from '../app/services/session-secret.server'

const file = sessionSecretFile()
console.log(createSessionSecretFile(file) ? `Secret de session créé : ${file}` : `Secret de session conservé : ${file}`)
