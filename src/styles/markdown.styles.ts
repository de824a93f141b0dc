import {css} from 'lit';

/**
 * Everything rendered from markdown (`.md`: assistant replies and reasoning): text blocks, code
 * blocks with their header and copy button, syntax-highlighting classes, tables.
 *
 * - Code blocks and tables wider than the bubble scroll sideways in their own box; a shadow at
 *   an edge shows there is more to scroll to (CSS only: "scroll shadows", backgrounds that stay
 *   put painted under covers that scroll with the content, so a cover hides its shadow when
 *   that edge is reached).
 * - Table cells never break inside a word (the bubble's `overflow-wrap: anywhere` stops at the
 *   table): a table too wide scrolls instead.
 * - A text over 2,048 characters without markup (an unbroken base64 string, a long paragraph of
 *   Chinese) is laid out in blocks (\`.run\`), so that streaming into it lays out the last block
 *   only (see \`appendText\` in src/markdown/markdown.ts), and so is a long code block while it
 *   streams (its lines, in runs of about 2 KB); a long plain text's paragraphs are
 *   grouped in \`.chunk\` blocks (plain \`div\`s: margins collapse through them).
 * - Highlighting (its colors: ./highlight.styles.ts, adopted by the highlighter chunk) is colors
 *   only (never weight, style or size), so it never moves text.
 */
export const markdownStyles = css`
  .md {
    /* What scroll covers must match: the surface the markdown sits on. */
    --_md-surface: var(--_bg);
    --_scroll-shadow: light-dark(rgb(0 0 0 / 0.2), rgb(0 0 0 / 0.65));
  }
  .bubble.md {
    --_md-surface: var(--_assistant-bg);
  }
  .md .run {
    display: block;
  }
  /* A plain text's chunks out of view are not laid out or painted (a megabyte shown a step per
     frame would otherwise cost layout and paint of all of it in every frame). Contained, a chunk
     holds its last paragraph's margin, which spaces it from the next as the collapsed margin did;
     one shown keeps the size it had. One never shown (a 48 KB step passes over some) counts as
     6,000 px, under the ~13,000 px of 16 KB at the default width: measured, with the real size
     most chunks a step passes over were laid out anyway (a 256 KB reply: 40% more main thread). */
  .md > .chunk {
    content-visibility: auto;
    contain-intrinsic-size: auto 6000px;
  }
  .md > :first-child {
    margin-top: 0;
  }
  /* (p:last-child, not :last-child: a subject without a tag would make every element that stops
     being a last child restyle its whole subtree, a long table's at its end.) */
  .md > :last-child,
  .md > .chunk:last-child > p:last-child {
    margin-bottom: 0;
  }
  .md p,
  .md ul,
  .md ol,
  .md pre,
  .md blockquote,
  .md table,
  .md .code-block,
  .md .table-wrap {
    margin: 0 0 0.6em;
  }
  .md h1,
  .md h2,
  .md h3,
  .md h4 {
    margin: 0.6em 0 0.3em;
    line-height: 1.25;
  }
  .md h1 {
    font-size: 1.15em;
  }
  .md h2 {
    font-size: 1.08em;
  }
  .md h3,
  .md h4 {
    font-size: 1.05em;
  }
  .md ul,
  .md ol {
    padding-inline-start: 1.4em;
  }
  .md a {
    color: var(--_accent);
  }
  .md code {
    font-family: var(--_mono);
    font-size: 0.9em;
    background: var(--_code-bg);
    padding: 0.1em 0.3em;
    border-radius: 4px;
  }
  .md pre {
    background: var(--_code-bg);
    padding: 8px 10px;
    border-radius: 8px;
    overflow-x: auto;
    overflow-wrap: normal;
  }
  .md pre code {
    background: none;
    padding: 0;
  }
  /* A code block's lines are a block (its highlighted segments too: ./highlight.styles.ts). */
  .md .code-block > pre > code {
    display: block;
  }
  .md blockquote {
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: 10px;
    color: var(--_muted);
  }
  .md img {
    max-width: 100%;
    height: auto;
  }
  .md hr {
    border: 0;
    border-top: 1px solid var(--_border);
  }

  /* Code blocks: a header (language, copy button) over the code, which scrolls sideways. */
  .md .code-block {
    background: var(--_code-bg);
    border-radius: 8px;
    min-width: 0;
  }
  .md .code-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 2px 4px 0 10px;
    font-size: 0.78em;
    line-height: 1.4;
    color: var(--_muted);
  }
  .md .code-lang {
    font-family: var(--_mono);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  /* The buttons in replies: a code block's Copy, a long table's Show all rows. */
  .md .code-copy,
  .md .table-more {
    flex: none;
    min-height: 24px;
    padding: 2px 8px;
    border: 1px solid transparent;
    border-radius: 6px;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .md .code-copy:hover,
  .md .table-more {
    color: var(--_fg);
    border-color: var(--_border);
  }
  .md .table-more:hover {
    background: color-mix(in srgb, var(--_fg) 8%, transparent);
  }
  .md .code-copy.done {
    color: var(--_ok);
  }
  .md .code-copy:focus-visible,
  .md .table-more:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .md .code-block > pre {
    margin: 0;
    padding-top: 4px;
    border-radius: 0 0 8px 8px;
    background:
      linear-gradient(to right, var(--_code-bg) 30%, transparent) left center / 32px 100% no-repeat local,
      linear-gradient(to left, var(--_code-bg) 30%, transparent) right center / 32px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, var(--_scroll-shadow), transparent) left center / 12px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, var(--_scroll-shadow), transparent) right center / 12px 100% no-repeat scroll,
      var(--_code-bg);
  }

  /* Tables: scroll sideways in their wrapper, never break a word. The wrapper contains its layout
     and paint (it clips already, as a scroller; it is also the typing cursor's containing block):
     a change of its own box, e.g. a paragraph coming after a long table (its bottom margin), does
     not send the browser over every row again to update their paint (a 4,000-row table: the
     pre-paint and paint of the frame that finishes it a third shorter). */
  .md .table-wrap {
    contain: layout paint;
    max-width: 100%;
    overflow-x: auto;
    background:
      linear-gradient(to right, var(--_md-surface) 30%, transparent) left center / 32px 100% no-repeat local,
      linear-gradient(to left, var(--_md-surface) 30%, transparent) right center / 32px 100% no-repeat local,
      radial-gradient(farthest-side at 0 50%, var(--_scroll-shadow), transparent) left center / 12px 100% no-repeat scroll,
      radial-gradient(farthest-side at 100% 50%, var(--_scroll-shadow), transparent) right center / 12px 100% no-repeat scroll;
  }
  /* As wide as its content wants (cells wrap at 16em): a table too wide for the bubble scrolls
     instead of squeezing every column to its longest word. */
  .md table {
    border-collapse: separate;
    border-spacing: 0;
    margin: 0;
    width: max-content;
    max-width: none;
  }
  /* The grid of collapsed 1px borders, drawn by each cell's end and bottom border (the first
     column's start, the first row's top): the same pixels as border-collapse: collapse, which
     makes the browser resolve and paint the borders of the whole table on every change (a long
     table streaming in cost 1.5 times the layout and 4 times the paint per frame). */
  .md th,
  .md td {
    border: 0 solid var(--_border);
    border-inline-end-width: 1px;
    border-block-end-width: 1px;
    padding: 4px 8px;
    vertical-align: top;
    max-width: 16em;
    overflow-wrap: normal;
    word-break: normal;
    hyphens: manual;
  }
  .md tr > :first-child {
    border-inline-start-width: 1px;
  }
  .md table > :first-child > tr:first-child > *,
  .md table > :is(caption, colgroup) + :is(thead, tbody, tfoot) > tr:first-child > * {
    border-block-start-width: 1px;
  }
  .md th:not([align]) {
    text-align: start;
  }
  /* Under a long table (its first 200 rows shown): shows the rest; in view when the table scrolls sideways. */
  .md .table-more {
    position: sticky;
    inset-inline-start: 0;
    display: block;
    margin-top: 6px;
  }
  /* The typing cursor in a streaming table takes no room: the table keeps the size it will have once finished. */
  .md th .cursor,
  .md td .cursor {
    position: absolute;
  }

  @media (forced-colors: active) {
    .md .code-block > pre,
    .md .table-wrap {
      background: none;
    }
    .md .code-block {
      border: 1px solid CanvasText;
    }
  }
`;
