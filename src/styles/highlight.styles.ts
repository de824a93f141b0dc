import {css} from 'lit';

/**
 * The syntax highlighter's styles (classes it sets on finished code blocks): part of its chunk
 * (../markdown/highlighter.ts), which adopts them into a shadow root the first time it highlights
 * a block there.
 */
export const highlightStyles = css`
  /* Each highlighted segment of a code block is a block: highlighting one segment never lays out
     the others again. */
  .md .hl-seg {
    display: block;
  }
  .md .hl-kwd {
    color: light-dark(#b3222a, #ff8f87);
  }
  .md .hl-str {
    color: light-dark(#0a3d6e, #a5d6ff);
  }
  .md .hl-cmnt {
    color: light-dark(#5a636d, #9aa3ad);
  }
  .md .hl-num,
  .md .hl-bool,
  .md .hl-section {
    color: light-dark(#0550ae, #79c0ff);
  }
  .md .hl-func {
    color: light-dark(#6a3bbd, #d2a8ff);
  }
  .md .hl-class,
  .md .hl-type,
  .md .hl-var {
    color: light-dark(#8a3a00, #ffa657);
  }
  .md .hl-esc {
    color: light-dark(#0b6a78, #7fd4e0);
  }
  .md .hl-insert {
    color: light-dark(#116329, #7ee787);
  }
  .md .hl-deleted,
  .md .hl-err {
    color: light-dark(#a40e26, #ffa198);
  }
`;
