/**
 * The markdown stack as one lazy chunk: the stream renderer (marked's lexer, the DOM builder) and
 * the styles of rendered markdown. The first paint of the widget needs none of it; the
 * {@link markdown} directive loads it (`loadMarkdown` in ./markdown-directive.ts) when a text
 * first needs it, or earlier when the page is idle, and shows plain text meanwhile. The HTML path
 * (marked's HTML renderer and DOMPurify, for raw HTML) is a chunk of its own again, loaded by
 * {@link loadSanitizer} when a text first needs it.
 */
export {MarkdownStream, warmMarkdown} from '../markdown/stream-renderer.js';
export {loadSanitizer} from '../markdown/markdown.js';
export {markdownStyles} from '../styles/markdown.styles.js';
export {finishCutText} from '../markdown/cut.js';
