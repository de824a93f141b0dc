/** @jsxImportSource preact */
// Preact: `<chat-widget>` in JSX (chat-widget/types/preact).
import type {} from 'chat-widget/types/preact';
import {createRef} from 'preact';
import type {ChatWidget} from 'chat-widget';

const ref = createRef<ChatWidget>();
const text = (s: string) => s;

export const ok = (
  <chat-widget
    ref={ref}
    protocol="openai"
    url="https://chat.example.com"
    context={{plan: 'pro'}}
    history-limit={10}
    onchat-message={(e) => text(e.detail.message.text)}
  />
);
// @ts-expect-error `status` is read-only
export const readOnly = <chat-widget status="open" />;
// @ts-expect-error `protocol` is a string
export const wrongType = <chat-widget protocol={5} />;
// @ts-expect-error the listener receives a ChatMessageEvent
export const wrongDetail = <chat-widget onchat-message={(e) => e.detail.nope} />;
