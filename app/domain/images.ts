/** Images accepted in dossiers (SVG is refused: it can carry scripts). */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024
