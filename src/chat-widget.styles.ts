import {css} from 'lit';

/**
 * Layout of the widget. Reads only private `--_*` tokens (see styles/tokens.styles.ts).
 *
 * Two sheets: `widgetStyles` holds what the first paint of an inline widget with no conversation
 * yet shows (the panel, its header, the empty log, the composer); `widgetMoreStyles` everything
 * else (messages, panels, banners, the launcher …). The element adopts the second one after its
 * first paint, or before it when that paint shows more (`#adoptMoreStyles` in chat-widget.ts):
 * parsing half the CSS is off the path to the first paint. Rules keep their order within each
 * sheet, and no rule of the second sheet matches an element of that first paint.
 */
export const widgetStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font: var(--_font);
    color: var(--_fg);
    text-align: start;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  /* Under 16px, iOS zooms the page when the input gets focus. */
  @media (pointer: coarse) {
    textarea,
    input,
    select {
      font-size: max(16px, 1em);
    }
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  .panel {
    display: flex;
    flex-direction: column;
    height: var(--_height);
    max-height: 100%;
    background: var(--_bg);
    /* Its own, not the host's: light-dark() resolves by the panel's color-scheme (data-theme). */
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    position: relative;
  }
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 14px;
    border-bottom: 1px solid var(--_border);
    font-weight: 600;
  }
  /* A logo, an avatar or links beside the heading. */
  ::slotted([slot='header']) {
    flex: none;
    display: flex;
    align-items: center;
    max-height: 32px;
  }
  /* A disclaimer under the composer. */
  ::slotted([slot='footer']) {
    display: block;
    padding: 0 12px 8px;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .title {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    font-weight: 400;
    font-size: 0.8em;
    color: var(--_muted);
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .status::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_muted);
  }
  .status[data-status='open']::before {
    background: #15803d;
  }
  .status[data-status='reconnecting']::before,
  .status[data-status='connecting']::before {
    background: #d97706;
  }
  .status[data-status='error']::before {
    background: var(--_danger);
  }

  .messages {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 12px;
    overflow-anchor: none;
  }
  .log {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .send {
    background: var(--_accent);
    color: var(--_accent-fg);
    border: 1px solid var(--_accent);
  }
  .composer {
    border-top: 1px solid var(--_border);
    padding: 10px 12px;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .composer .row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 40px;
    max-height: 140px;
    field-sizing: content;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: 10px;
    background: var(--_bg);
    line-height: 1.4;
  }
  .send {
    border-radius: 10px;
    padding: 8px 14px;
    cursor: pointer;
    font-weight: 600;
  }
  .send:disabled,
  textarea:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .icon-btn {
    border: 0;
    background: none;
    cursor: pointer;
    padding: 6px;
    border-radius: 8px;
    line-height: 1;
  }
`;

/** The rest of the widget's layout (see {@link widgetStyles}). */
export const widgetMoreStyles = css`
  .msg {
    display: flex;
    flex-direction: column;
    gap: 4px;
    max-width: 88%;
    min-width: 0;
  }
  .msg.user {
    align-self: flex-end;
    align-items: flex-end;
  }
  .msg.assistant,
  .msg.system {
    align-self: flex-start;
  }
  .msg.system {
    max-width: 100%;
    align-self: stretch;
  }
  /* A long reply takes its whole width (up to its max-width) at once: see LONG_REPLY_CHARS. */
  .msg.assistant.long {
    align-self: stretch;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
    white-space: pre-wrap;
    min-width: 0;
    max-width: 100%;
  }
  .user .bubble {
    background: var(--_user-bg);
    color: var(--_user-fg);
    border-end-end-radius: 4px;
  }
  /* Not sent yet: a dashed edge (fading the bubble would fail text contrast). */
  .user[data-status='pending'] .bubble {
    outline: 2px dashed var(--_user-bg);
    outline-offset: 2px;
  }
  .assistant .bubble {
    background: var(--_assistant-bg);
    color: var(--_assistant-fg);
    border-end-start-radius: 4px;
    white-space: normal;
  }
  .system .bubble {
    font-size: 0.9em;
    color: var(--_muted);
    text-align: center;
    padding: 4px 8px;
  }
  .system.error .bubble {
    color: var(--_danger);
    background: var(--_danger-bg);
    text-align: start;
  }
  .meta {
    font-size: 0.78em;
    color: var(--_muted);
  }
  .meta.warn {
    color: var(--_danger);
  }
  .msg.user .meta {
    text-align: end;
  }
  .msg-foot {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.75em;
    color: var(--_muted);
  }
  .msg.user .msg-foot {
    flex-direction: row-reverse;
  }
  /* The row of actions appears on hover without moving anything. */
  .msg.assistant .msg-foot {
    min-height: 28px;
  }
  /* Wide content (tables, code) gets the whole width to scroll in. */
  .msg.assistant:has(.table-wrap, .code-block) {
    max-width: 100%;
  }
  .actions-row {
    display: flex;
    gap: 2px;
    opacity: 0;
    transition: opacity var(--_motion);
  }
  /* Shown on hover and focus, always on the last reply and on touch screens. */
  .msg:hover .actions-row,
  .actions-row:focus-within,
  .actions-row.last,
  .actions-row:has([aria-pressed='true']) {
    opacity: 1;
  }
  @media (hover: none) {
    .actions-row {
      opacity: 1;
    }
  }
  .act {
    border: 0;
    background: none;
    color: var(--_muted);
    padding: 4px;
    border-radius: 6px;
    cursor: pointer;
    line-height: 0;
  }
  .act:hover,
  .act:focus-visible {
    color: var(--_fg);
    background: color-mix(in srgb, var(--_fg) 10%, transparent);
  }
  .act[aria-pressed='true'] {
    color: var(--_accent);
  }
  .act.done {
    color: var(--_ok);
  }
  /* Fingers need bigger targets than pointers. */
  @media (pointer: coarse) {
    .act {
      padding: 10px;
    }
    .actions-row {
      gap: 4px;
    }
  }
  .act .icon {
    width: 16px;
    height: 16px;
  }
  /* A code block still streaming has nothing whole to copy yet. */
  .msg[aria-busy='true'] .code-copy {
    visibility: hidden;
  }
  .link {
    background: none;
    border: 0;
    padding: 0 2px;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  /* Streaming */
  .cursor {
    display: inline-block;
    width: 0.5em;
    height: 1.1em;
    margin-inline-start: 1px;
    vertical-align: text-bottom;
    background: var(--_cursor);
    animation: blink 1s steps(1) infinite;
    /* Its own layer: the blink is composited and costs no style or layout work. */
    will-change: opacity;
  }
  @keyframes blink {
    50% {
      opacity: 0;
    }
  }
  .typing {
    align-self: flex-start;
    display: inline-flex;
    gap: 4px;
    padding: 12px 14px;
    background: var(--_assistant-bg);
    border-radius: var(--_radius);
  }
  .typing span {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--_muted);
    animation: bounce 1.2s infinite ease-in-out;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes bounce {
    0%,
    80%,
    100% {
      transform: translateY(0);
      opacity: 0.5;
    }
    40% {
      transform: translateY(-4px);
      opacity: 1;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .cursor,
    .typing span {
      animation: none;
    }
  }

  .icon {
    display: block;
    flex: none;
  }
  .launcher .icon {
    width: 26px;
    height: 26px;
    margin: auto;
  }
  .jump .icon {
    display: inline-block;
    vertical-align: middle;
    width: 14px;
    height: 14px;
  }

  /* Banners, composer */
  .banner {
    margin: 0 12px 8px;
    padding: 8px 10px;
    border-radius: 8px;
    font-size: 0.9em;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    background: var(--_assistant-bg);
  }
  .banner > span {
    flex: 1 1 12em;
  }
  .banner.warn,
  .banner.ended {
    background: var(--_warn-bg);
  }
  .banner.emergency,
  .banner.notice {
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  .actions {
    display: flex;
    gap: 8px;
  }
  .btn {
    border: 1px solid var(--_border);
    background: var(--_bg);
    border-radius: 8px;
    padding: 4px 12px;
    cursor: pointer;
  }
  .btn.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border: 1px solid var(--_accent);
  }
  .jump {
    position: absolute;
    inset-inline-end: 16px;
    bottom: 110px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    border-radius: 999px;
    padding: 4px 12px;
    font-size: 0.85em;
    cursor: pointer;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
  }
  .send.stop {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
  }
  .send.stop:hover {
    background: var(--_assistant-bg);
  }
  .send.stop .icon {
    width: 14px;
    height: 14px;
  }

  /* Launcher */
  :host([launcher]) .panel {
    /* A <dialog>: none of its UA box (margin, padding, max sizes, centring). */
    margin: 0;
    padding: 0;
    max-width: none;
    max-height: none;
    inset: auto;
    position: fixed;
    z-index: var(--_z);
    width: min(var(--_width), calc(100vw - 24px));
    height: min(var(--_height), calc(100vh - 110px));
    inset-inline-end: calc(var(--_launcher-right) + env(safe-area-inset-right, 0px));
    bottom: calc(var(--_launcher-bottom) + 72px + env(safe-area-inset-bottom, 0px));
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.2);
  }
  /* Opening: the panel rises into place from its button (not under reduced motion). */
  @media (prefers-reduced-motion: no-preference) {
    :host([launcher][open]) .panel {
      animation: panel-in var(--_motion) ease-out;
    }
  }
  @keyframes panel-in {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  .launcher {
    position: fixed;
    z-index: var(--_z);
    inset-inline-end: calc(var(--_launcher-right) + env(safe-area-inset-right, 0px));
    bottom: calc(var(--_launcher-bottom) + env(safe-area-inset-bottom, 0px));
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: 0;
    background: var(--_accent);
    color: var(--_accent-fg);
    font-size: 24px;
    cursor: pointer;
    box-shadow: 0 6px 20px rgb(0 0 0 / 0.25);
    transition: transform var(--_motion);
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .badge {
    position: absolute;
    top: -2px;
    inset-inline-end: -2px;
    min-width: 20px;
    height: 20px;
    border-radius: 10px;
    background: var(--_danger);
    color: #fff;
    font-size: 12px;
    line-height: 20px;
    padding: 0 5px;
  }
  /* Where the panel covers the page it is a modal dialog (the same query as FULL_SCREEN in chat-widget.ts). */
  @media (max-width: 480px) {
    /* Full screen, above the on-screen keyboard (--_viewport-height follows visualViewport), clear of notches. */
    :host([launcher]) .panel {
      inset: 0 0 auto;
      width: 100vw;
      height: var(--_viewport-height, 100dvh);
      border-radius: 0;
      padding: env(safe-area-inset-top, 0px) env(safe-area-inset-right, 0px) env(safe-area-inset-bottom, 0px) env(safe-area-inset-left, 0px);
    }
    /* Full screen: the panel's own close button takes over. */
    :host([open]) .launcher {
      display: none;
    }
  }
  @media (forced-colors: active) {
    .bubble,
    .banner {
      border: 1px solid CanvasText;
    }
    .cursor {
      background: Highlight;
    }
  }
`;
