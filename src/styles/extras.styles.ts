import {css} from 'lit';

/**
 * Styles of the view's extras (../render/extras.ts): suggestion chips, progress, reasoning, sources,
 * the `job` panels, product cards, the emergency alert, the template prompt and the form fields
 * (`job`). The element adopts them after its own once the extras have loaded (`#adoptExtras` in
 * ../chat-widget.ts).
 */
export const extrasStyles = css`
  /* Suggestion chips */
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0 12px 8px;
  }
  .chip {
    border: 1px solid var(--_accent);
    background: var(--_chip-bg);
    color: var(--_chip-fg);
    border-radius: 999px;
    padding: 4px 12px;
    font-size: 0.88em;
    cursor: pointer;
  }
  .chip:hover {
    background: var(--_assistant-bg);
  }
  /* Progress, panels, products */
  .progress {
    list-style: none;
    margin: 0;
    padding: 6px 10px;
    font-size: 0.85em;
    color: var(--_muted);
    border-inline-start: 2px solid var(--_border);
  }
  .progress li::before {
    content: '✓ ';
    color: var(--_ok);
  }
  .progress.live li.current::before {
    content: '● ';
    color: var(--_accent);
  }
  .tool-call {
    display: inline-block;
    vertical-align: top;
    max-width: calc(100% - 1.5em);
  }
  .tool-call dl {
    margin: 2px 0 4px;
  }
  .tool-call dt {
    font-weight: 600;
  }
  .tool-call dd {
    margin: 0 0 2px;
    font-family: var(--_mono);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .tool-call summary {
    cursor: pointer;
  }
  .steps > summary,
  .panel-box summary,
  .reasoning summary {
    cursor: pointer;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .reasoning {
    border-inline-start: 2px solid var(--_border);
    padding-inline-start: 10px;
    margin-block-end: 4px;
  }
  .reasoning > .md {
    font-size: 0.9em;
    color: var(--_muted);
  }
  .reasoning .dots {
    animation: blink 1s steps(2, start) infinite;
  }
  .sources {
    margin: 4px 0 0;
    font-size: 0.85em;
  }
  .sources ol {
    margin: 2px 0 0;
    padding-inline-start: 1.6em;
  }
  .sources-label {
    color: var(--_muted);
  }
  .sources a {
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
  .panel-box {
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 6px 10px;
    font-size: 0.9em;
  }
  .panel-box dl,
  .specs {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 2px 10px;
    margin: 4px 0;
  }
  .panel-box dt,
  .specs dt {
    color: var(--_muted);
  }
  .panel-box dd,
  .specs dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .panel-box ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  /* A compact row that scrolls sideways, card by card. */
  .products {
    list-style: none;
    margin: 0;
    padding: 2px 2px 6px;
    display: flex;
    gap: 8px;
    overflow-x: auto;
    scroll-snap-type: x mandatory;
    overscroll-behavior-x: contain;
  }
  .product {
    flex: 0 0 min(220px, 80%);
    scroll-snap-align: start;
    display: flex;
    flex-direction: column;
    gap: 2px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    padding: 8px 10px;
    background: var(--_bg);
    font-size: 0.9em;
  }
  .product-image {
    display: block;
    width: calc(100% + 20px);
    margin: -8px -10px 4px;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: 10px 10px 0 0;
    background: var(--_assistant-bg);
  }
  .product .description {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .product-details summary {
    cursor: pointer;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .product-link {
    margin-top: auto;
    align-self: flex-start;
    border: 1px solid var(--_accent);
    border-radius: 8px;
    padding: 3px 12px;
    background: none;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  /* The call buttons and Dismiss wrap inside the alert (three numbers do not fit a phone's width in one row). */
  .banner.emergency .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    flex: 0 1 auto;
    max-width: 100%;
  }
  /* Buttons, not links in running text: no underline, and the alert's colour rather than the link blue. */
  .banner.emergency .btn {
    text-decoration: none;
  }
  .banner.emergency .btn:not(.primary) {
    color: inherit;
  }
  /* A long price (IDR 19,999,000) goes under the name instead of squeezing it to a word a line. */
  .product-head {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    column-gap: 8px;
    font-weight: 600;
  }
  .product-name {
    flex: 1 1 8em;
  }
  .price {
    color: var(--_accent);
    white-space: nowrap;
  }
  .category {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .description {
    margin: 4px 0;
  }
  .features {
    margin: 4px 0;
    padding-inline-start: 1.2em;
  }
  .specs {
    font-size: 0.85em;
  }
  .availability.yes {
    color: var(--_ok);
  }
  .availability.no {
    color: var(--_danger);
  }
  .emergency-flag {
    color: var(--_danger);
    font-weight: 700;
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .pass {
    color: var(--_ok);
  }
  .fail {
    color: var(--_danger);
  }

  .banner.emergency {
    border: 2px solid var(--_danger);
    font-size: 1em;
  }
  .banner.template {
    flex-direction: column;
    align-items: stretch;
    border: 1px solid var(--_border);
  }
  .tp-name {
    font-weight: 600;
  }
  .job-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    font-size: 0.85em;
  }
  /* Side by side while they fit (7em each), else one under the other; never wider than the panel. */
  .job-fields label {
    display: flex;
    flex-direction: column;
    gap: 2px;
    flex: 1 1 7em;
    min-width: 0;
    color: var(--_muted);
  }
  .job-fields select,
  .job-fields input {
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
    padding: 4px 6px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
  }
  @media (forced-colors: active) {
    .chip,
    .product {
      border: 1px solid CanvasText;
    }
  }
`;
