/**
 * The markdown stack as one lazy chunk: the stream renderer (marked, DOMPurify, the sanitizer)
 * and the styles of rendered markdown. The first paint of the widget needs none of it; the
 * {@link markdown} directive loads it (`loadMarkdown` in ./markdown-directive.ts) when a text
 * first needs it, or earlier when the page is idle, and shows plain text meanwhile.
 */
export {MarkdownStream, warmMarkdown} from '../markdown/stream-renderer.js';
export {markdownStyles} from '../styles/markdown.styles.js';
export {finishCutText} from '../markdown/cut.js';
