// React 19, strict TS: <chat-widget> directly (JSX types from chat-widget/types/react) and the
// chat-widget/react wrapper, both on the `openai` protocol against the page's own origin.
import 'chat-widget/define';
import type {} from 'chat-widget/types/react';
import {StrictMode, useRef, useState} from 'react';
import {createRoot} from 'react-dom/client';
import {ChatWidget, type ChatWidgetElement} from 'chat-widget/react';

declare global {
  interface Window {
    consumer: {direct?: string; wrapped?: string; refIsElement?: boolean};
  }
}
window.consumer = {};

function App() {
  const ref = useRef<ChatWidgetElement>(null);
  const [context] = useState({plan: 'pro'});
  return (
    <>
      <chat-widget
        id="direct"
        protocol="openai"
        url={location.origin}
        context={context}
        session-id="s-direct"
        heading="Direct"
        onchat-message={(e) => (window.consumer.direct = e.detail.message.text)}
      />
      <ChatWidget
        id="wrapped"
        ref={(el) => {
          ref.current = el;
          window.consumer.refIsElement = el instanceof HTMLElement && el.localName === 'chat-widget';
        }}
        protocol="openai"
        url={location.origin}
        heading="Wrapped"
        context={{plan: 'team'}}
        onChatMessage={(e) => (window.consumer.wrapped = e.detail.message.text)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
