/** The evidence chart's colours, shared by its legend (kept out of the lazily loaded chart). */
export const PAID_COLOUR = '#4655d4';
export const OPEN_COLOUR = '#d92d20';
