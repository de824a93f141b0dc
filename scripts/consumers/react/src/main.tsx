// React 19, strict TS: <chat-widget> directly (JSX types from chat-widget/types/react) and the
// chat-widget/react wrapper.
import 'chat-widget/define';
import type {} from 'chat-widget/types/react';
import {StrictMode, useRef, useState} from 'react';
import {createRoot} from 'react-dom/client';
import {ChatWidget, type ChatWidgetElement} from 'chat-widget/react';

declare global {
  interface Window {
    consumer: {directError?: string; wrapperError?: string; refIsElement?: boolean};
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
        protocol="no-such-protocol"
        url="http://127.0.0.1:9/"
        context={context}
        session-id="s-direct"
        heading="Direct"
        onchat-error={(e) => (window.consumer.directError = e.detail.kind)}
      />
      <ChatWidget
        id="wrapped"
        ref={(el) => {
          ref.current = el;
          window.consumer.refIsElement = el instanceof HTMLElement && el.localName === 'chat-widget';
        }}
        protocol="no-such-protocol"
        url="http://127.0.0.1:9/"
        heading="Wrapped"
        context={{plan: 'team'}}
        onChatError={(e) => (window.consumer.wrapperError = e.detail.kind)}
      />
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
