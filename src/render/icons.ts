import {svg} from 'lit';

/** Inline icons (no emoji: they depend on the visitor's fonts). All decorative: aria-hidden. */
const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const sparkIcon = icon(svg`<path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z"/>`);
export const arrowDownIcon = icon(svg`<path d="M12 5v14M6 13l6 6 6-6"/>`);
export const alertIcon = icon(svg`<path d="M12 3l10 18H2zM12 10v5M12 18v.5"/>`);
export const stopIcon = icon(svg`<rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor"/>`);
