/**
 * The text of a reply that ended early (stopped, or cut off), made whole for its final render.
 */
import {lexMarkdown, normalizeNewlines, parsable} from './markdown.js';
import {findFreezePoint, streamingView} from './stream-renderer.js';

/**
 * `text`, a reply that ended early, with its open tail tidied as while it streamed (see
 * {@link streamingView}): emphasis and code spans still open are closed (`**bold` renders bold, as
 * it showed while streaming), and a half-typed last line that is only syntax (`|--`, `-`, a partial
 * closing fence) or a half link, tag or entity is dropped. Rendering the result as a finished text
 * (no cursor, code highlighted, an open fence a closed code block) shows no raw markdown syntax
 * that the finished reply would not have had. A text that is not parsed (over the markdown limits,
 * or hostile: shown as plain text) is returned as is. Costs one lex of the text.
 */
export function finishCutText(text: string): string {
  const src = normalizeNewlines(text);
  try {
    if (!parsable(src)) return text;
    const tokens = lexMarkdown(src);
    const {index, offset} = findFreezePoint(src, tokens);
    const tail = src.slice(offset);
    return src.slice(0, offset) + streamingView(tail, tokens.slice(index));
  } catch {
    return text;
  }
}
