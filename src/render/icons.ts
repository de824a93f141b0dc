import {svg} from 'lit';

/** Inline icons (no emoji: they depend on the visitor's fonts). All decorative: aria-hidden. */
export const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

export const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>`);
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`);
export const arrowDownIcon = icon(svg`<path d="M12 5v14M6 13l6 6 6-6"/>`);
export const stopIcon = icon(svg`<rect x="7" y="7" width="10" height="10" rx="1.5" fill="currentColor"/>`);
export const copyIcon = icon(svg`<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8"/>`);
export const checkIcon = icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`);
export const regenerateIcon = icon(svg`<path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7"/>`);
export const thumbUpIcon = icon(svg`<path d="M7 10v10H4V10zM7 10l4-7a2 2 0 0 1 2.8 2.3L13 9h5.5a2 2 0 0 1 2 2.4l-1.4 7A2 2 0 0 1 17.1 20H7"/>`);
export const thumbDownIcon = icon(svg`<path d="M7 14V4H4v10zM7 14l4 7a2 2 0 0 0 2.8-2.3L13 15h5.5a2 2 0 0 0 2-2.4l-1.4-7A2 2 0 0 0 17.1 4H7"/>`);
export const newChatIcon = icon(svg`<path d="M12 20h9M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"/>`);
