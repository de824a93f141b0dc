/** @jsxImportSource solid-js */
// Solid: `<chat-widget>` in JSX (chat-widget/types/solid).
import type {} from 'chat-widget/types/solid';

const text = (s: string) => s;

export const ok = () => (
  <chat-widget
    protocol="openai"
    url="https://chat.example.com"
    prop:context={{plan: 'pro'}}
    context={{plan: 'basic'}}
    on:chat-message={(e) => text(e.detail.message.text)}
  />
);
// @ts-expect-error `status` is read-only
export const readOnly = () => <chat-widget status="open" />;
// @ts-expect-error `protocol` is a string
export const wrongType = () => <chat-widget protocol={5} />;
// @ts-expect-error the listener receives a ChatMessageEvent
export const wrongDetail = () => <chat-widget on:chat-message={(e) => e.detail.nope} />;
