import {css} from 'lit';

/**
 * The public theming surface: every `--chat-*` custom property is read here,
 * once, into a private `--_*` token; layout CSS reads only `--_*`.
 * Light and dark defaults come from `light-dark()`, driven by `color-scheme`:
 * the page's preference by default, or forced with `theme="light|dark"`. The theme is
 * not reflected onto the host (the host's attributes stay the page's): the element puts it
 * on the panel and the launcher button as `data-theme`, which hold everything it draws.
 */
export const tokenStyles = css`
  :host {
    color-scheme: light dark;
    --_accent: var(--chat-accent, light-dark(#2563eb, #5b93ff));
    --_accent-fg: var(--chat-accent-fg, light-dark(#fff, #0b1220));
    --_bg: var(--chat-bg, light-dark(#fff, #16181d));
    --_fg: var(--chat-fg, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--chat-muted, light-dark(#57606a, #a0a7b1));
    --_border: var(--chat-border, light-dark(#d0d5dc, #3a3f48));
    --_danger: var(--chat-danger, light-dark(#b42318, #ff9b91));
    --_ok: light-dark(#15803d, #4ade80);
    --_danger-bg: var(--chat-danger-bg, light-dark(#fef3f2, #3a1d1d));
    --_warn-bg: var(--chat-warn-bg, light-dark(#fff8e1, #3a3220));
    --_font: var(--chat-font, 400 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_mono: var(--chat-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_radius: var(--chat-radius, 12px);
    --_user-bg: var(--chat-user-bg, var(--_accent));
    --_user-fg: var(--chat-user-fg, var(--_accent-fg));
    --_assistant-bg: var(--chat-assistant-bg, light-dark(#f2f4f7, #23262d));
    --_assistant-fg: var(--chat-assistant-fg, var(--_fg));
    --_code-bg: var(--chat-code-bg, light-dark(#e9ecf0, #2b2f37));
    --_cursor: var(--chat-cursor-color, var(--_accent));
    --_chip-bg: var(--chat-chip-bg, var(--_bg));
    --_chip-fg: var(--chat-chip-fg, var(--_accent));
    --_width: var(--chat-width, 380px);
    --_height: var(--chat-height, 560px);
    --_z: var(--chat-z-index, 2147483000);
    --_launcher-bottom: var(--chat-launcher-bottom, 20px);
    --_launcher-right: var(--chat-launcher-right, 20px);
    --_motion: var(--chat-motion-duration, 160ms);
  }
  [data-theme='light'] {
    color-scheme: light;
  }
  [data-theme='dark'] {
    color-scheme: dark;
  }
`;
