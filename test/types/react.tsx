// React 19: `<chat-widget>` in JSX (chat-widget/types/react) and the wrapper (chat-widget/react).
import type {} from 'chat-widget/types/react';
import {createRef} from 'react';
import {ChatWidget as ChatWidgetReact} from 'chat-widget/react';
import type {ChatWidget, ConnectionStatus} from 'chat-widget';

const ref = createRef<ChatWidget>();
const text = (s: string) => s;

export const direct = (
  <chat-widget
    ref={ref}
    id="chat"
    className="x"
    protocol="openai"
    url="https://chat.example.com"
    context={{plan: 'pro'}}
    headers={{'X-Key': 'k'}}
    session-id="s1"
    stall-timeout={0}
    enable-agents={false}
    launcher
    open
    starters={['Pricing']}
    imageHosts={['cdn.example.com']}
    onchat-message={(e) => text(e.detail.message.text)}
    onchat-send={(e) => e.preventDefault()}
    onchat-error={(e) => text(e.detail.kind)}
  />
);

// @ts-expect-error `status` is read-only
export const readOnlyStatus = <chat-widget status="open" />;
// @ts-expect-error `messages` is read-only
export const readOnlyMessages = <chat-widget messages={[]} />;
// @ts-expect-error `protocol` is a string
export const wrongType = <chat-widget protocol={5} />;
// @ts-expect-error methods are not props
export const method = <chat-widget send={() => null} />;
// @ts-expect-error not a member of the element
export const unknown = <chat-widget bogus="x" />;
// @ts-expect-error the listener receives a ChatMessageEvent: its detail has no `nope`
export const wrongDetail = <chat-widget onchat-message={(e) => e.detail.nope} />;
// @ts-expect-error `launcher` is a boolean
export const wrongBoolean = <chat-widget launcher={1} />;

export const wrapped = (
  <ChatWidgetReact
    ref={ref}
    protocol="agent"
    url="wss://api.example.com"
    context={{patient_profile: {age: 45}}}
    onChatMessage={(e) => text(e.detail.message.text)}
    onChatSend={(e) => e.preventDefault()}
    onChatStop={(e) => text(e.detail.message.id)}
  />
);
// @ts-expect-error read-only getters are not props of the wrapper
export const wrappedStatus = <ChatWidgetReact status="open" />;
// @ts-expect-error read-only getters are not props of the wrapper
export const wrappedMessages = <ChatWidgetReact messages={[]} />;
// @ts-expect-error methods are not props of the wrapper
export const wrappedMethod = <ChatWidgetReact send={() => null} />;
// @ts-expect-error the event prop is typed by its event
export const wrappedDetail = <ChatWidgetReact onChatMessage={(e) => e.detail.nope} />;

// The tag map comes with the class (no `chat-widget/define` import here).
const el = document.createElement('chat-widget');
export const status: ConnectionStatus = el.status;
export const id: string | null = el.send('hi');
// @ts-expect-error `status` is read-only on the element too
el.status = 'open';
export const queried: ChatWidget | null = document.querySelector('chat-widget');
